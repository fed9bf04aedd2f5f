import { EmulatorContext, object } from "../context"

// The identity URL (/id/<orgId>/<userId>) and /services/oauth2/userinfo describe the integration user, in the
// shapes of Salesforce's Identity URL and OpenID Connect UserInfo endpoints.

export function identityUrl(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/id/${ctx.orgId}/${ctx.userId}`
}

function user(ctx: EmulatorContext) {
  const record = ctx.store.get(object(ctx, "User"), ctx.userId)
  return {
    username: String(record?.Username ?? ctx.config.username),
    firstName: String(record?.FirstName ?? ""),
    lastName: String(record?.LastName ?? ""),
    name: String(record?.Name ?? ""),
    email: String(record?.Email ?? ctx.config.username),
    lastModified: String(record?.LastModifiedDate ?? ""),
  }
}

function urls(ctx: EmulatorContext) {
  const rest = `${ctx.baseUrl}/services/data/v{version}/`
  return {
    rest,
    sobjects: `${rest}sobjects/`,
    search: `${rest}search/`,
    query: `${rest}query/`,
    recent: `${rest}recent/`,
    limits: `${rest}limits/`,
    profile: `${ctx.baseUrl}/${ctx.userId}`,
    custom_domain: ctx.baseUrl,
  }
}

export function identity(ctx: EmulatorContext) {
  const u = user(ctx)
  return {
    id: identityUrl(ctx),
    asserted_user: true,
    user_id: ctx.userId,
    organization_id: ctx.orgId,
    username: u.username,
    nick_name: u.username.split("@")[0],
    display_name: u.name,
    email: u.email,
    email_verified: true,
    first_name: u.firstName,
    last_name: u.lastName,
    timezone: "GMT",
    urls: urls(ctx),
    active: true,
    user_type: "STANDARD",
    language: "en_US",
    locale: "en_US",
    utcOffset: 0,
    last_modified_date: u.lastModified,
    is_app_installed: true,
  }
}

export function userInfo(ctx: EmulatorContext) {
  const u = user(ctx)
  return {
    sub: identityUrl(ctx),
    user_id: ctx.userId,
    organization_id: ctx.orgId,
    preferred_username: u.username,
    nickname: u.username.split("@")[0],
    name: u.name,
    email: u.email,
    email_verified: true,
    given_name: u.firstName,
    family_name: u.lastName,
    zoneinfo: "GMT",
    profile: `${ctx.baseUrl}/${ctx.userId}`,
    urls: urls(ctx),
    active: true,
    user_type: "STANDARD",
    language: "en_US",
    locale: "en_US",
    utcOffset: 0,
    updated_at: u.lastModified,
    is_app_installed: true,
  }
}
