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
  ]
}
