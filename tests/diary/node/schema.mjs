// The entry's shape as the SHIPPED diary-format.js and diary-export.js read it from the page's
// data block (SCHEMA: the json_script text the server rendered): the fields they show, the
// fields a taken-over conflict version keeps, the device export's columns and its formula guard.
globalThis.window = {};
globalThis.document = {
  documentElement: { lang: "de" },
  getElementById: (id) => (id === "diary-choices" ? { textContent: process.env.SCHEMA } : null),
};
const format = await import("../../../static/js/diary-format.js");
const exporter = await import("../../../static/js/diary-export.js");
const { cells, entry } = JSON.parse(process.env.CONFIG);

const text = exporter.csv([entry]);
const [header, row] = text.slice(1).trim().split("\r\n");
console.log(
  JSON.stringify({
    described: format.describe(entry.data).map(([key]) => key),
    kept: Object.keys(format.only({ ...entry.data, extra: 1 })),
    columns: exporter.columns(entry).map(([key]) => key),
    header: header.split(","),
    row,
    guarded: cells.map((value) => exporter.csv([{ id: value, data: {} }]).split("\r\n")[1].split(",")[0]),
  }),
);
