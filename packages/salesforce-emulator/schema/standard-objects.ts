import { field, systemFields } from "./field"
import { ObjectSchema } from "./types"

// The few standard objects the integration touches, with the fields and key prefixes a real org has. Custom fields
// on them (Medusa_Customer_Id__c) come from the SFDX source, as they would after a deploy.

const readOnly = { createable: false, updateable: false }

function standard(
  name: string,
  keyPrefix: string,
  labelPlural: string,
  fields: ObjectSchema["fields"],
  options: { owner: boolean; createable: boolean }
): ObjectSchema {
  return {
    name,
    label: name,
    labelPlural,
    keyPrefix,
    custom: false,
    createable: options.createable,
    updateable: options.createable,
    deletable: options.createable,
    fields: [...systemFields({ owner: options.owner }), ...fields],
    childRelationships: [],
  }
}

export function standardObjects(): ObjectSchema[] {
  return [
    standard(
      "Account",
      "001",
      "Accounts",
      [
        field("Name", "string", {
          label: "Account Name",
          required: true,
          nameField: true,
          idLookup: true,
        }),
        field("AccountNumber", "string", { length: 40 }),
        field("Type", "picklist", {
          label: "Account Type",
          length: 255,
          picklistValues: ["Prospect", "Customer - Direct", "Other"].map(
            (value) => ({ value, label: value, defaultValue: false })
          ),
        }),
        field("ParentId", "reference", {
          label: "Parent Account ID",
          referenceTo: ["Account"],
          relationshipName: "Parent",
        }),
        field("Phone", "phone", { label: "Account Phone" }),
        field("Website", "url"),
        field("Industry", "picklist", { length: 255 }),
        field("BillingStreet", "textarea", { length: 255 }),
        field("BillingCity", "string", { length: 40 }),
        field("BillingState", "string", { length: 80 }),
        field("BillingPostalCode", "string", { length: 20 }),
        field("BillingCountry", "string", { length: 80 }),
        field("Description", "textarea", { label: "Account Description" }),
      ],
      { owner: true, createable: true }
    ),
    standard(
      "Contact",
      "003",
      "Contacts",
      [
        field("AccountId", "reference", {
          label: "Account ID",
          referenceTo: ["Account"],
          relationshipName: "Account",
          childRelationshipName: "Contacts",
        }),
        field("FirstName", "string", { label: "First Name", length: 40 }),
        field("LastName", "string", {
          label: "Last Name",
          length: 80,
          required: true,
        }),
        // Salesforce composes Name from FirstName and LastName; clients cannot write it.
        field("Name", "string", {
          ...readOnly,
          label: "Full Name",
          length: 121,
          nameField: true,
          idLookup: true,
        }),
        field("Email", "email", { idLookup: true }),
        field("Phone", "phone", { label: "Business Phone" }),
        field("MobilePhone", "phone", { label: "Mobile Phone" }),
        field("Title", "string", { length: 128 }),
        field("MailingStreet", "textarea", { length: 255 }),
        field("MailingCity", "string", { length: 40 }),
        field("MailingPostalCode", "string", { length: 20 }),
        field("MailingCountry", "string", { length: 80 }),
        field("Description", "textarea", { label: "Contact Description" }),
      ],
      { owner: true, createable: true }
    ),
    standard(
      "User",
      "005",
      "Users",
      [
        field("Username", "string", { length: 80, unique: true, ...readOnly }),
        field("FirstName", "string", { length: 40, ...readOnly }),
        field("LastName", "string", { length: 80, ...readOnly }),
        field("Name", "string", {
          length: 121,
          nameField: true,
          idLookup: true,
          ...readOnly,
        }),
        field("Email", "email", { length: 128, ...readOnly }),
        field("Alias", "string", { length: 8, ...readOnly }),
        field("IsActive", "boolean", { label: "Active", ...readOnly }),
        field("TimeZoneSidKey", "picklist", { ...readOnly }),
        field("LanguageLocaleKey", "picklist", { ...readOnly }),
      ],
      { owner: false, createable: false }
    ),
    standard(
      "Organization",
      "00D",
      "Organizations",
      [
        field("Name", "string", {
          length: 80,
          nameField: true,
          idLookup: true,
          ...readOnly,
        }),
        field("OrganizationType", "picklist", {
          label: "Edition",
          ...readOnly,
        }),
        field("InstanceName", "string", { length: 5, ...readOnly }),
        field("IsSandbox", "boolean", { ...readOnly }),
        field("DefaultLocaleSidKey", "picklist", { ...readOnly }),
        field("TimeZoneSidKey", "picklist", { ...readOnly }),
      ],
      { owner: false, createable: false }
    ),
    ...contentObjects(),
  ]
}

/**
 * Salesforce Files: a ContentVersion insert (base64 VersionData) creates its ContentDocument and the
 * ContentDocumentLinks to the owner and to FirstPublishLocationId (see store/content.ts). Documents are read-only
 * through the API; links can be added.
 */
function contentObjects(): ObjectSchema[] {
  const createOnly = { createable: true, updateable: false }
  const fileFields = [
    field("FileExtension", "string", { ...readOnly, length: 40 }),
    field("FileType", "string", { ...readOnly, length: 20 }),
    field("ContentSize", "int", { ...readOnly, label: "Size" }),
  ]
  return [
    standard(
      "ContentDocument",
      "069",
      "Content Documents",
      [
        field("Title", "string", { ...readOnly, nameField: true }),
        field("LatestPublishedVersionId", "reference", {
          ...readOnly,
          referenceTo: ["ContentVersion"],
          relationshipName: "LatestPublishedVersion",
        }),
        field("Description", "textarea", { ...readOnly, length: 1000 }),
        ...fileFields,
      ],
      { owner: true, createable: false }
    ),
    standard(
      "ContentVersion",
      "068",
      "Content Versions",
      [
        field("Title", "string", { nameField: true, idLookup: true }),
        field("PathOnClient", "string", {
          ...createOnly,
          length: 500,
          required: true,
        }),
        field("VersionData", "base64", { ...createOnly }),
        field("FirstPublishLocationId", "reference", {
          ...createOnly,
          anyObject: true,
          relationshipName: "FirstPublishLocation",
        }),
        // Given on insert, the version is a new version of that document.
        field("ContentDocumentId", "reference", {
          ...createOnly,
          referenceTo: ["ContentDocument"],
          relationshipName: "ContentDocument",
        }),
        field("VersionNumber", "string", { ...readOnly, length: 20 }),
        field("IsLatest", "boolean", { ...readOnly }),
        field("Checksum", "string", { ...readOnly, length: 50 }),
        field("Description", "textarea", { length: 1000 }),
        field("ReasonForChange", "string", { length: 1000 }),
        ...fileFields,
      ],
      { owner: true, createable: true }
    ),
    standard(
      "ContentDocumentLink",
      "06A",
      "Content Document Links",
      [
        field("ContentDocumentId", "reference", {
          ...createOnly,
          required: true,
          referenceTo: ["ContentDocument"],
          relationshipName: "ContentDocument",
          childRelationshipName: "ContentDocumentLinks",
        }),
        field("LinkedEntityId", "reference", {
          ...createOnly,
          required: true,
          anyObject: true,
          relationshipName: "LinkedEntity",
        }),
        field("ShareType", "picklist", {
          picklistValues: [
            { value: "V", label: "Viewer", defaultValue: true },
            { value: "C", label: "Collaborator", defaultValue: false },
            { value: "I", label: "Inferred", defaultValue: false },
          ],
        }),
        field("Visibility", "picklist", {
          picklistValues: [
            { value: "AllUsers", label: "All Users", defaultValue: true },
            {
              value: "InternalUsers",
              label: "Internal Users",
              defaultValue: false,
            },
            {
              value: "SharedUsers",
              label: "Shared Users",
              defaultValue: false,
            },
          ],
        }),
      ],
      { owner: false, createable: true }
    ),
  ]
}
