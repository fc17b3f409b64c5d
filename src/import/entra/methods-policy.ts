/**
 * Which methods a user may reset with, from the Authentication methods policy (AMP) and the
 * legacy SSPR checkboxes, by the policy's migration state (ENTRA-GRAPH.md §2.3):
 * preMigration → legacy only; migrationInProgress → legacy ∪ AMP ("enabled in any policy");
 * migrationComplete → AMP ∪ security questions from legacy (they exist only there).
 * An AMP configuration applies to a user when enabled, targeted at all users or a group
 * the user is in (transitively), and not excluded.
 */
import type { Method } from "../../domain/catalogue";
import type { GraphAuthenticationMethodsPolicy } from "./graph-payloads";

export type MigrationState = "preMigration" | "migrationInProgress" | "migrationComplete";
type Configuration = GraphAuthenticationMethodsPolicy["authenticationMethodConfigurations"][number];

/** AMP configuration id → the methods it enables (§2.3 table). */
function methodsOfConfiguration(c: Configuration): Method[] {
  switch (c.id.toLowerCase()) {
    case "email":
      return ["email"];
    case "sms":
      return ["mobile_sms"];
    case "voice":
      return c.isOfficePhoneAllowed ? ["mobile_voice", "office_phone"] : ["mobile_voice"];
    case "microsoftauthenticator":
      return c.isSoftwareOathEnabled
        ? ["authenticator_notification", "authenticator_code"]
        : ["authenticator_notification"];
    case "softwareoath":
      return ["authenticator_code"];
    default:
      // Fido2, TemporaryAccessPass, X509Certificate, HardwareOath…: not SSPR methods in our contract.
      return [];
  }
}

const ALL_USERS = "all_users";

export type MethodsPolicyView = {
  /** What every user gets: configurations targeted at all users with no exclusions. */
  tenantWide: (legacy: readonly Method[]) => Method[];
  /** What this user gets, given the groups they are in (direct and nested). */
  forUser: (legacy: readonly Method[], userId: string, groups: ReadonlySet<string>) => Method[];
};

/** Methods in catalogue order, without duplicates (so two equal sets compare equal as strings). */
export function ordered(methods: Iterable<Method>, order: readonly Method[]): Method[] {
  const set = new Set(methods);
  return order.filter((m) => set.has(m));
}

export function methodsPolicyView(
  policy: GraphAuthenticationMethodsPolicy | undefined,
  state: MigrationState,
  order: readonly Method[],
): MethodsPolicyView {
  const enabled = (policy?.authenticationMethodConfigurations ?? []).filter(
    (c) => c.state === "enabled" && methodsOfConfiguration(c).length > 0,
  );
  const combine = (legacy: readonly Method[], amp: Method[]): Method[] => {
    if (state === "preMigration") return ordered(legacy, order);
    if (state === "migrationInProgress") return ordered([...legacy, ...amp], order);
    return ordered([...amp, ...legacy.filter((m) => m === "security_questions")], order);
  };
  return {
    tenantWide: (legacy) =>
      combine(
        legacy,
        enabled
          .filter(
            (c) => (c.includeTargets ?? []).some((t) => t.id === ALL_USERS) && (c.excludeTargets ?? []).length === 0,
          )
          .flatMap(methodsOfConfiguration),
      ),
    forUser: (legacy, userId, groups) => {
      const hit = (t: { id: string }) => t.id === ALL_USERS || t.id === userId || groups.has(t.id);
      return combine(
        legacy,
        enabled
          .filter((c) => (c.includeTargets ?? []).some(hit) && !(c.excludeTargets ?? []).some(hit))
          .flatMap(methodsOfConfiguration),
      );
    },
  };
}
