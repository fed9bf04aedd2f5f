/**
 * A JSON document as one statement parameter, for the set-based writes that hand PostgreSQL a batch's rows as one
 * JSON array: `${JSON_PARAMETER}` in the SQL, `jsonParameter(text)` among the parameters.
 *
 * The executor (MikroORM's `execute`) writes parameters into the statement text. A string it escapes one character
 * at a time, which for the attempts of a 10,000-document batch (about 40 MB) takes seconds; a Buffer it writes as a
 * hex bytea literal, natively, and PostgreSQL decodes that in C. Hex cannot break out of its literal, whatever the
 * text holds.
 */
export const JSON_PARAMETER = "convert_from(?::bytea, 'UTF8')::jsonb"

export const jsonParameter = (json: string): Buffer => Buffer.from(json, "utf8")
