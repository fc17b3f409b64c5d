/**
 * Prints the demo personas as markdown (the README's tables come from here):
 *   npm run personas
 */
import "./closed-pipe";
import { personasReport } from "./personas-report";

console.log(await personasReport());
