// Runs the SHIPPED static/js/fhir.js on the entries in CONFIG; prints the Bundle as JSON.
import { bundle } from "../../../static/js/fhir.js";

const { entries, words, person } = JSON.parse(process.env.CONFIG);
const label = (kind, id) => (kind === "tiers" ? words[`tier-${id}`] : `${kind}:${id}`);
console.log(JSON.stringify(bundle(entries, label, words, new Date("2026-06-15T10:00:00Z"), person ?? undefined)));
