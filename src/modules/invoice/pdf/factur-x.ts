/** What the Factur-X 1.0 / ZUGFeRD 2 specification requires of the PDF/A-3 that carries the XML. */
const FX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
export const FACTUR_X_FILENAME = "factur-x.xml"

const property = (name: string, description: string) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`

/**
 * The XMP a Factur-X reader looks for (fx:DocumentType, fx:DocumentFileName, fx:Version, fx:ConformanceLevel),
 * with the PDF/A extension schema that declares the fx namespace: PDF/A allows no undeclared XMP properties.
 */
const FACTUR_X_XMP = `
        <rdf:Description rdf:about="" xmlns:fx="${FX_NAMESPACE}">
            <fx:DocumentType>INVOICE</fx:DocumentType>
            <fx:DocumentFileName>${FACTUR_X_FILENAME}</fx:DocumentFileName>
            <fx:Version>1.0</fx:Version>
            <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FX_NAMESPACE}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property("DocumentFileName", "name of the embedded XML invoice file")}${property("DocumentType", "INVOICE")}${property("Version", "The actual version of the Factur-X XML schema")}${property("ConformanceLevel", "The conformance level of the embedded Factur-X data")}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        `

/**
 * Embeds the CII XML as the document's associated file (AFRelationship Alternative: the XML is the invoice in
 * another form) and adds the Factur-X XMP. Dated with the issue date, like the PDF, so the bytes stay the same.
 */
export function embedFacturX(
  doc: PDFKit.PDFDocument,
  xml: string,
  issueDate: string
) {
  const date = new Date(`${issueDate}T00:00:00Z`)
  // pdfkit reads `relationship` (the file's AFRelationship); @types/pdfkit does not declare it.
  const attachment: PDFKit.Mixins.PDFAttachmentOptions & {
    relationship: string
  } = {
    name: FACTUR_X_FILENAME,
    type: "text/xml",
    description: "Factur-X / ZUGFeRD invoice (EN 16931)",
    relationship: "Alternative",
    creationDate: date,
    modifiedDate: date,
  }
  doc.file(Buffer.from(xml, "utf8"), attachment)
  // pdfkit writes this into the document's XMP stream next to its own PDF/A identification.
  doc.appendXML(FACTUR_X_XMP)
}
