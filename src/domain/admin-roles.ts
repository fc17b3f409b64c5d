/**
 * The administrator roles Microsoft documents as getting the SSPR administrator policy
 * ("The following administrator roles are affected", concept-sspr-policy, 2025-05), each
 * with our slug (lower case, spaces as `_`, "Administrator" written `admin`) and its
 * built-in role template id (ENTRA-GRAPH.md §2.2). The catalogue's `ADMIN_ROLES` is built
 * from this list; a Graph import maps `roleTemplateId` to a slug with `ROLE_TEMPLATE_IDS`,
 * so a License or Groups Administrator is diagnosed with the administrator policy.
 */

export type DocumentedAdminRole = {
  /** The role's name as the documentation lists it. */
  name: string;
  slug: string;
  /** The built-in role template id; null when the current built-in table has no such role. */
  templateId: string | null;
};

/** In the documentation's order. */
export const DOCUMENTED_ADMIN_ROLES: readonly DocumentedAdminRole[] = [
  { name: "AdHoc License Administrator", slug: "adhoc_license_admin", templateId: null },
  { name: "Application Administrator", slug: "application_admin", templateId: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3" },
  {
    name: "Application Proxy Service Administrator",
    slug: "application_proxy_service_admin",
    templateId: "158c047a-c907-4556-b7ef-446551a6b5f7",
  },
  {
    name: "Attack Simulation Administrator",
    slug: "attack_simulation_admin",
    templateId: "c430b396-e693-46cc-96f3-db01bf8bb62a",
  },
  {
    name: "Attribute Assignment Administrator",
    slug: "attribute_assignment_admin",
    templateId: "58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d",
  },
  {
    name: "Attribute Definition Administrator",
    slug: "attribute_definition_admin",
    templateId: "8424c6f0-a189-499e-bbd0-26c1753c96d4",
  },
  {
    name: "Attribute Log Administrator",
    slug: "attribute_log_admin",
    templateId: "5b784334-f94b-471a-a387-e7219fc49ca2",
  },
  {
    name: "Authentication Administrator",
    slug: "authentication_admin",
    templateId: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  },
  {
    name: "Authentication Extensibility Administrator",
    slug: "authentication_extensibility_admin",
    templateId: "25a516ed-2fa0-40ea-a2d0-12923a21473a",
  },
  {
    name: "Authentication Policy Administrator",
    slug: "authentication_policy_admin",
    templateId: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
  },
  {
    name: "Azure DevOps Administrator",
    slug: "azure_devops_admin",
    templateId: "e3973bdf-4987-49ae-837a-ba8e231c7286",
  },
  {
    name: "Azure Information Protection Administrator",
    slug: "azure_information_protection_admin",
    templateId: "7495fdc4-34c4-4d15-a289-98788ce399fd",
  },
  {
    name: "B2C IEF Keyset Administrator",
    slug: "b2c_ief_keyset_admin",
    templateId: "aaf43236-0c0d-4d5f-883a-6955382ac081",
  },
  {
    name: "B2C IEF Policy Administrator",
    slug: "b2c_ief_policy_admin",
    templateId: "3edaf663-341e-4475-9f94-5c398ef6c070",
  },
  { name: "Billing Administrator", slug: "billing_admin", templateId: "b0f54661-2d74-4c50-afa3-1ec803f12efe" },
  {
    name: "Cloud App Security Administrator",
    slug: "cloud_app_security_admin",
    templateId: "892c5842-a9a6-463a-8041-72aa08ca3cf6",
  },
  {
    name: "Cloud Device Administrator",
    slug: "cloud_device_admin",
    templateId: "7698a772-787b-4ac8-901f-60d6b08affd2",
  },
  { name: "Compliance Administrator", slug: "compliance_admin", templateId: "17315797-102d-40b4-93e0-432062caca18" },
  {
    name: "Compliance Data Administrator",
    slug: "compliance_data_admin",
    templateId: "e6d1a23a-da11-4be4-9570-befc86d067a7",
  },
  {
    name: "Conditional Access Administrator",
    slug: "conditional_access_admin",
    templateId: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  },
  {
    name: "Customer LockBox Access Approver",
    slug: "customer_lockbox_access_approver",
    templateId: "5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91",
  },
  {
    name: "Desktop Analytics Administrator",
    slug: "desktop_analytics_admin",
    templateId: "38a96431-2bdf-4b4c-8b6e-5d3d8abac1a4",
  },
  { name: "Device Administrators", slug: "device_admins", templateId: "9f06204d-73c1-4d4c-880a-6edb90606fd8" },
  {
    name: "Directory Synchronization Accounts",
    slug: "directory_synchronization_accounts",
    templateId: "d29b2b05-8046-44ba-8758-1e26182fcf32",
  },
  { name: "Directory Writers", slug: "directory_writers", templateId: "9360feb5-f418-4baa-8175-e2a00bac4301" },
  { name: "Domain Name Administrator", slug: "domain_name_admin", templateId: "8329153b-31d0-4727-b945-745eb3bc5f31" },
  {
    name: "Dynamics 365 Administrator",
    slug: "dynamics_365_admin",
    templateId: "44367163-eba1-44c3-98af-f5787879f96a",
  },
  {
    name: "Dynamics 365 Business Central Administrator",
    slug: "dynamics_365_business_central_admin",
    templateId: "963797fb-eb3b-4cde-8ce3-5878b3f32a3f",
  },
  { name: "Edge Administrator", slug: "edge_admin", templateId: "3f1acade-1e04-4fbc-9b69-f0302cd84aef" },
  { name: "Email Verified User Creator", slug: "email_verified_user_creator", templateId: null },
  { name: "Exchange Administrator", slug: "exchange_admin", templateId: "29232cdf-9323-42fd-ade2-1d097af3e4de" },
  {
    name: "Exchange Recipient Administrator",
    slug: "exchange_recipient_admin",
    templateId: "31392ffb-586c-42d1-9346-e59415a2cc4e",
  },
  {
    name: "External ID User Flow Administrator",
    slug: "external_id_user_flow_admin",
    templateId: "6e591065-9bad-43ed-90f3-e9424366d2f0",
  },
  {
    name: "External ID User Flow Attribute Administrator",
    slug: "external_id_user_flow_attribute_admin",
    templateId: "0f971eea-41eb-4569-a71e-57bb8a3eff1e",
  },
  {
    name: "External Identity Provider Administrator",
    slug: "external_identity_provider_admin",
    templateId: "be2f45a1-457d-42af-a067-6ec1fa63bc45",
  },
  { name: "Global Administrator", slug: "global_admin", templateId: "62e90394-69f5-4237-9190-012177145e10" },
  {
    name: "Global Secure Access Administrator",
    slug: "global_secure_access_admin",
    templateId: "ac434307-12b9-4fa1-a708-88bf58caabc1",
  },
  { name: "Groups Administrator", slug: "groups_admin", templateId: "fdd7a751-b60b-444a-984c-02652fe8fa1c" },
  { name: "Helpdesk Administrator", slug: "helpdesk_admin", templateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" },
  {
    name: "Hybrid Identity Administrator",
    slug: "hybrid_identity_admin",
    templateId: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
  },
  {
    name: "Identity Governance Administrator",
    slug: "identity_governance_admin",
    templateId: "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",
  },
  { name: "Insights Administrator", slug: "insights_admin", templateId: "eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c" },
  { name: "Intune Administrator", slug: "intune_admin", templateId: "3a2c62db-5318-420d-8d74-23affee5d9d5" },
  { name: "Knowledge Administrator", slug: "knowledge_admin", templateId: "b5a8dcf3-09d5-43a9-a639-8e29ef291470" },
  { name: "License Administrator", slug: "license_admin", templateId: "4d6ac14f-3453-41d0-bef9-a3e0c569773a" },
  {
    name: "Lifecycle Workflows Administrator",
    slug: "lifecycle_workflows_admin",
    templateId: "59d46f88-662b-457b-bceb-5c3809e5908f",
  },
  { name: "Mailbox Administrator", slug: "mailbox_admin", templateId: null },
  {
    name: "Microsoft Entra Joined Device Local Administrator",
    slug: "microsoft_entra_joined_device_local_admin",
    templateId: "9f06204d-73c1-4d4c-880a-6edb90606fd8",
  },
  {
    name: "Microsoft Hardware Warranty Administrator",
    slug: "microsoft_hardware_warranty_admin",
    templateId: "1501b917-7653-4ff9-a4b5-203eaf33784f",
  },
  {
    name: "Microsoft365 Migration Administrator",
    slug: "microsoft365_migration_admin",
    templateId: "8c8b803f-96e1-4129-9349-20738d9f9652",
  },
  { name: "Modern Commerce Administrator", slug: "modern_commerce_admin", templateId: null },
  { name: "Network Administrator", slug: "network_admin", templateId: "d37c8bed-0711-4417-ba38-b4abe66ce4c2" },
  { name: "Office Apps Administrator", slug: "office_apps_admin", templateId: "2b745bdf-0803-4d80-aa65-822c4493daac" },
  {
    name: "Organizational Branding Administrator",
    slug: "organizational_branding_admin",
    templateId: "92ed04bf-c94a-4b82-9729-b799a7a4c178",
  },
  { name: "Partner Tier1 Support", slug: "partner_tier1_support", templateId: "4ba39ca4-527c-499a-b93d-d9b492c50246" },
  { name: "Partner Tier2 Support", slug: "partner_tier2_support", templateId: "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8" },
  { name: "Password Administrator", slug: "password_admin", templateId: "966707d0-3269-4727-9be2-8c3a10f19b9d" },
  {
    name: "Permissions Management Administrator",
    slug: "permissions_management_admin",
    templateId: "af78dc32-cf4d-46f9-ba4e-4428526346b5",
  },
  {
    name: "Power BI Service Administrator",
    slug: "power_bi_service_admin",
    templateId: "a9ea8996-122f-4c74-9520-8edcd192826c",
  },
  {
    name: "Power Platform Administrator",
    slug: "power_platform_admin",
    templateId: "11648597-926c-4cf3-9c36-bcebb0ba8dcc",
  },
  { name: "Printer Administrator", slug: "printer_admin", templateId: "644ef478-e28f-4e28-b9dc-3fdde9aa0b1f" },
  {
    name: "Privileged Authentication Administrator",
    slug: "privileged_authentication_admin",
    templateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  },
  {
    name: "Privileged Role Administrator",
    slug: "privileged_role_admin",
    templateId: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  },
  { name: "Search Administrator", slug: "search_admin", templateId: "0964bb5e-9bdb-4d7b-ac29-58e794862a40" },
  { name: "Security Administrator", slug: "security_admin", templateId: "194ae4cb-b126-40b2-bd5b-6091b380977d" },
  {
    name: "Service Support Administrator",
    slug: "service_support_admin",
    templateId: "f023fd81-a637-4b56-95fd-791ac0226033",
  },
  { name: "SharePoint Administrator", slug: "sharepoint_admin", templateId: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c" },
  {
    name: "Skype for Business Administrator",
    slug: "skype_for_business_admin",
    templateId: "75941009-915a-4869-abe7-691bff18279e",
  },
  { name: "Teams Administrator", slug: "teams_admin", templateId: "69091246-20e8-4a56-aa4d-066075b2a7a8" },
  {
    name: "Teams Communications Administrator",
    slug: "teams_communications_admin",
    templateId: "baf37b3a-610e-45da-9e62-d9d1e5e8914b",
  },
  {
    name: "Teams Devices Administrator",
    slug: "teams_devices_admin",
    templateId: "3d762c5a-1b6c-493f-843e-55a3b42923d4",
  },
  { name: "User Administrator", slug: "user_admin", templateId: "fe930be7-5e62-47db-91af-98c3a49a38b1" },
  {
    name: "Virtual Visits Administrator",
    slug: "virtual_visits_admin",
    templateId: "e300d9e7-4a2b-4295-9eff-f1c78b36cc98",
  },
  { name: "Viva Goals Administrator", slug: "viva_goals_admin", templateId: "92b086b3-e367-4ef2-b869-1de128fb986e" },
  { name: "Viva Pulse Administrator", slug: "viva_pulse_admin", templateId: "87761b17-1ed2-4af3-9acd-92a150038160" },
  { name: "Windows365 Administrator", slug: "windows365_admin", templateId: "11451d60-acb2-45eb-a7d6-43d0f0125c13" },
  {
    name: "Windows Update Deployment Administrator",
    slug: "windows_update_deployment_admin",
    templateId: "32696413-001a-46ae-978c-ce0f6b3620d2",
  },
  { name: "Yammer Administrator", slug: "yammer_admin", templateId: "810a2642-a034-447f-a5e8-41beaa378541" },
  // Not named in the documented list, but in our v1 list: the role whose template id the
  // list's "Application Proxy Service Administrator" carried in old listings.
  {
    name: "Cloud Application Administrator",
    slug: "cloud_application_admin",
    templateId: "158c047a-c907-4556-b7ef-446551a6b5f7",
  },
];

/**
 * Two documented names share one template id with a current role; the id maps to the
 * current role's slug (ENTRA-GRAPH.md §2.2): 158c047a… is Cloud Application Administrator
 * today, 9f06204d… is Microsoft Entra Joined Device Local Administrator.
 */
const CURRENT_NAME_OF_ID: Readonly<Record<string, string>> = {
  "158c047a-c907-4556-b7ef-446551a6b5f7": "cloud_application_admin",
  "9f06204d-73c1-4d4c-880a-6edb90606fd8": "microsoft_entra_joined_device_local_admin",
};

/**
 * Role template id (Graph `directoryRole.roleTemplateId`, `unifiedRoleDefinition.templateId`)
 * → our slug, for every documented role that has one.
 *
 * @example
 * ROLE_TEMPLATE_IDS.get("4d6ac14f-3453-41d0-bef9-a3e0c569773a"); // "license_admin"
 */
export const ROLE_TEMPLATE_IDS: ReadonlyMap<string, string> = new Map(
  DOCUMENTED_ADMIN_ROLES.flatMap((role) =>
    role.templateId === null ? [] : [[role.templateId, CURRENT_NAME_OF_ID[role.templateId] ?? role.slug] as const],
  ),
);

/**
 * The slug of a role template id, or undefined for a role outside the documented list
 * (such a role does not get the administrator policy).
 *
 * @example
 * adminRoleOfTemplateId("fdd7a751-b60b-444a-984c-02652fe8fa1c"); // "groups_admin"
 * adminRoleOfTemplateId("88d8e3e3-8f55-4a1e-953a-9b9898b8876b"); // undefined (Directory Readers)
 */
export function adminRoleOfTemplateId(templateId: string): string | undefined {
  return ROLE_TEMPLATE_IDS.get(templateId.toLowerCase());
}
