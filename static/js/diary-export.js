// Downloads the whole diary as a file made on this device, so it works offline and without an
// account: CSV as a table for a spreadsheet or the doctor, JSON as a complete backup.
import * as store from "./diary-store.js";
import { describe, schema, word } from "./diary-format.js";

const section = document.getElementById("export");

function pad(number) {
  return String(number).padStart(2, "0");
}

function localDate(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Local time, written so that spreadsheets sort it and recognise it as a date.
function localDateTime(iso) {
  const date = new Date(iso);
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Typed notes must never run as a spreadsheet formula (OWASP, CSV injection): a cell that
// starts with = + - @, a tab or a carriage return gets a leading single quote, and every cell
// is quoted, so that a separator inside a note cannot start a new cell. The starts come from
// diary/csv_cells.py, which applies the same rule to the server's export.
function cell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (text && schema.formula_starts.includes(text[0])) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

// The server's columns (diary/schema.py), each in words: [key, value] of one entry.
export function columns(entry) {
  const fields = new Map(describe(entry.data ?? {}).map(([key, , value]) => [key, value]));
  fields.set("started_at", entry.data?.started_at ? localDateTime(entry.data.started_at) : "");
  fields.set("id", entry.id ?? "");
  fields.set("conflict", entry.conflict ? word("conflict") : "");
  return schema.csv_columns.map((key) => [key, fields.get(key)]);
}

export function csv(entries) {
  const names = new Map(schema.fields.map((field) => [field.name, field.label]));
  const header = schema.csv_columns.map((key) => names.get(key) ?? word(key));
  const rows = entries.map((entry) => columns(entry).map(([, value]) => value));
  // The byte order mark makes Excel read UTF-8 (umlauts) correctly.
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

function json(entries) {
  const backup = {
    app: "Krampfhilfe",
    exported_at: new Date().toISOString(),
    entries: entries.map(({ id, client_updated_at, data }) => ({ id, client_updated_at, data })),
  };
  return JSON.stringify(backup, null, 2);
}

export function download(name, type, body) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// The transfer page has no such section.
for (const button of section?.querySelectorAll("[data-export]") ?? []) {
  button.addEventListener("click", async () => {
    const entries = await store.list();
    const name = `${section.dataset.filename}-${localDate(new Date())}`;
    if (button.dataset.export === "csv") download(`${name}.csv`, "text/csv;charset=utf-8", csv(entries));
    else download(`${name}.json`, "application/json", json(entries));
  });
}
