/**
 * Prints the demo personas as a markdown table (the README's table comes from here):
 *   npm run personas
 */
import { DEMO_PASSWORD, DEMO_PERSONAS, DEMO_TENANTS, DEMO_UNKNOWN_LOGIN } from "../db/seed/demo-tenant";

const rows = [
  "| login | what is wrong | a diagnosis shows |",
  "| --- | --- | --- |",
  `| \`${DEMO_UNKNOWN_LOGIN}\` | no such account | \`account_not_found\` (to the person: the same answer as for a real login) |`,
  ...DEMO_PERSONAS.map((p) => {
    const shows = [p.primary ? `**\`${p.primary}\`**` : "can reset", ...(p.includes ?? []).map((c) => `\`${c}\``)].join(", ");
    return `| \`${p.login}\` | ${p.problem} | ${shows} |`;
  }),
];
const tenants = ["| tenant | what is special |", "| --- | --- |", ...DEMO_TENANTS.map((t) => `| \`${t.domain}\` | ${t.problem} |`)];
console.log(`Every persona's password: \`${DEMO_PASSWORD}\`\n\n${tenants.join("\n")}\n\n${rows.join("\n")}`);
