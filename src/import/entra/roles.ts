/**
 * Entra built-in role template ids → our role slugs (ENTRA-GRAPH.md §2.2): every role
 * Microsoft documents as getting the administrator SSPR policy, named as CATALOGUE.md
 * "ADMIN_ROLES v2" says (lower case, spaces → `_`, "Administrator" → `admin`). A role not in
 * this table (Global Reader, Directory Readers…) does not make its holder an administrator
 * for SSPR, so it maps to no slug. The integrator will fold this into domain/ once the
 * catalogue's v2 list lands; until then the importer owns the ids.
 */

/** Template id → slug, from "Microsoft Entra built-in roles" (2026-01) and concept-sspr-policy (2025-05). */
export const ROLE_TEMPLATE_SLUGS: Readonly<Record<string, string>> = {
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "application_admin",
  // Listed by Microsoft under its old name "Application Proxy Service Administrator".
  "158c047a-c907-4556-b7ef-446551a6b5f7": "cloud_application_admin",
  "c430b396-e693-46cc-96f3-db01bf8bb62a": "attack_simulation_admin",
  "58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d": "attribute_assignment_admin",
  "8424c6f0-a189-499e-bbd0-26c1753c96d4": "attribute_definition_admin",
  "5b784334-f94b-471a-a387-e7219fc49ca2": "attribute_log_admin",
  "c4e39bd9-1100-46d3-8c65-fb160da0071f": "authentication_admin",
  "25a516ed-2fa0-40ea-a2d0-12923a21473a": "authentication_extensibility_admin",
  "0526716b-113d-4c15-b2c8-68e3c22b9f80": "authentication_policy_admin",
  "e3973bdf-4987-49ae-837a-ba8e231c7286": "azure_devops_admin",
  "7495fdc4-34c4-4d15-a289-98788ce399fd": "azure_information_protection_admin",
  "aaf43236-0c0d-4d5f-883a-6955382ac081": "b2c_ief_keyset_admin",
  "3edaf663-341e-4475-9f94-5c398ef6c070": "b2c_ief_policy_admin",
  "b0f54661-2d74-4c50-afa3-1ec803f12efe": "billing_admin",
  "892c5842-a9a6-463a-8041-72aa08ca3cf6": "cloud_app_security_admin",
  "7698a772-787b-4ac8-901f-60d6b08affd2": "cloud_device_admin",
  "17315797-102d-40b4-93e0-432062caca18": "compliance_admin",
  "e6d1a23a-da11-4be4-9570-befc86d067a7": "compliance_data_admin",
  "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "conditional_access_admin",
  "5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91": "customer_lockbox_access_approver",
  "38a96431-2bdf-4b4c-8b6e-5d3d8abac1a4": "desktop_analytics_admin",
  // "Device Administrators" and "Microsoft Entra Joined Device Local Administrator" share this id.
  "9f06204d-73c1-4d4c-880a-6edb90606fd8": "microsoft_entra_joined_device_local_admin",
  "d29b2b05-8046-44ba-8758-1e26182fcf32": "directory_synchronization_accounts",
  "9360feb5-f418-4baa-8175-e2a00bac4301": "directory_writers",
  "8329153b-31d0-4727-b945-745eb3bc5f31": "domain_name_admin",
  "44367163-eba1-44c3-98af-f5787879f96a": "dynamics_365_admin",
  "963797fb-eb3b-4cde-8ce3-5878b3f32a3f": "dynamics_365_business_central_admin",
  "3f1acade-1e04-4fbc-9b69-f0302cd84aef": "edge_admin",
  "29232cdf-9323-42fd-ade2-1d097af3e4de": "exchange_admin",
  "31392ffb-586c-42d1-9346-e59415a2cc4e": "exchange_recipient_admin",
  "6e591065-9bad-43ed-90f3-e9424366d2f0": "external_id_user_flow_admin",
  "0f971eea-41eb-4569-a71e-57bb8a3eff1e": "external_id_user_flow_attribute_admin",
  "be2f45a1-457d-42af-a067-6ec1fa63bc45": "external_identity_provider_admin",
  "62e90394-69f5-4237-9190-012177145e10": "global_admin",
  "ac434307-12b9-4fa1-a708-88bf58caabc1": "global_secure_access_admin",
  "fdd7a751-b60b-444a-984c-02652fe8fa1c": "groups_admin",
  "729827e3-9c14-49f7-bb1b-9608f156bbb8": "helpdesk_admin",
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "hybrid_identity_admin",
  "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e": "identity_governance_admin",
  "eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c": "insights_admin",
  "3a2c62db-5318-420d-8d74-23affee5d9d5": "intune_admin",
  "b5a8dcf3-09d5-43a9-a639-8e29ef291470": "knowledge_admin",
  "4d6ac14f-3453-41d0-bef9-a3e0c569773a": "license_admin",
  "59d46f88-662b-457b-bceb-5c3809e5908f": "lifecycle_workflows_admin",
  "1501b917-7653-4ff9-a4b5-203eaf33784f": "microsoft_hardware_warranty_admin",
  "8c8b803f-96e1-4129-9349-20738d9f9652": "microsoft365_migration_admin",
  "d37c8bed-0711-4417-ba38-b4abe66ce4c2": "network_admin",
  "2b745bdf-0803-4d80-aa65-822c4493daac": "office_apps_admin",
  "92ed04bf-c94a-4b82-9729-b799a7a4c178": "organizational_branding_admin",
  "4ba39ca4-527c-499a-b93d-d9b492c50246": "partner_tier1_support",
  "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8": "partner_tier2_support",
  "966707d0-3269-4727-9be2-8c3a10f19b9d": "password_admin",
  "af78dc32-cf4d-46f9-ba4e-4428526346b5": "permissions_management_admin",
  "a9ea8996-122f-4c74-9520-8edcd192826c": "power_bi_service_admin",
  "11648597-926c-4cf3-9c36-bcebb0ba8dcc": "power_platform_admin",
  "644ef478-e28f-4e28-b9dc-3fdde9aa0b1f": "printer_admin",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "privileged_authentication_admin",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "privileged_role_admin",
  "0964bb5e-9bdb-4d7b-ac29-58e794862a40": "search_admin",
  "194ae4cb-b126-40b2-bd5b-6091b380977d": "security_admin",
  "f023fd81-a637-4b56-95fd-791ac0226033": "service_support_admin",
  "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "sharepoint_admin",
  "75941009-915a-4869-abe7-691bff18279e": "skype_for_business_admin",
  "69091246-20e8-4a56-aa4d-066075b2a7a8": "teams_admin",
  "baf37b3a-610e-45da-9e62-d9d1e5e8914b": "teams_communications_admin",
  "3d762c5a-1b6c-493f-843e-55a3b42923d4": "teams_devices_admin",
  "fe930be7-5e62-47db-91af-98c3a49a38b1": "user_admin",
  "e300d9e7-4a2b-4295-9eff-f1c78b36cc98": "virtual_visits_admin",
  "92b086b3-e367-4ef2-b869-1de128fb986e": "viva_goals_admin",
  "87761b17-1ed2-4af3-9acd-92a150038160": "viva_pulse_admin",
  "11451d60-acb2-45eb-a7d6-43d0f0125c13": "windows365_admin",
  "32696413-001a-46ae-978c-ce0f6b3620d2": "windows_update_deployment_admin",
  "810a2642-a034-447f-a5e8-41beaa378541": "yammer_admin",
  // In one community script only (not in the current built-in table), kept for old tenants.
  "eb1d8c34-acf5-460d-8424-c1f1a6fbdb85": "adhoc_license_admin",
};

/**
 * The slug for a role definition, or undefined when the role does not bring the
 * administrator policy. `extra` is the settings file's `adminRoleSlugs` (custom roles).
 *
 * @example roleSlug("62e90394-69f5-4237-9190-012177145e10") // "global_admin"
 */
export function roleSlug(templateId: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  const id = templateId.toLowerCase();
  return extra[id] ?? ROLE_TEMPLATE_SLUGS[id];
}
