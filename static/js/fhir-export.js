// "Für Praxis-Software herunterladen (FHIR)": the diary on this device as a FHIR R4 Bundle file.
import * as store from "./diary-store.js";
import { label, schema } from "./diary-format.js";
import { download } from "./diary-export.js";
import { bundle } from "./fhir.js";

const button = document.getElementById("fhir-export");

async function show() {
  button.hidden = (await store.list()).length === 0;
}

button.addEventListener("click", async () => {
  const words = Object.fromEntries(schema.fields.map((field) => [field.name, field.label]));
  const body = JSON.stringify(bundle(await store.list(), label, words), null, 2);
  download(`${button.dataset.filename}-${new Date().toISOString().slice(0, 10)}-fhir.json`, "application/fhir+json", body);
});
addEventListener("diary:change", show);
addEventListener("diary:remote", show);
show();
