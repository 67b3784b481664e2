// The report's bar charts as inline SVG that reads on paper: a count above each bar, the scale's
// 0 and top on a y axis, the start of each week or month under the x axis (the walk found bar
// heights alone unreadable). Not stretched (the text would be), so it scales with the column.
// Only attributes and classes, no inline styles (CSP); report.css gives the colours.
const SVG = "http://www.w3.org/2000/svg";
const BARS = 14; // bars at full width (3 months of weeks); more get narrower
const WIDE = 16 * BARS; // user units for the bars, whatever their number
const LEFT = 14; // room for the y axis' numbers
const TOP = 9; // room for the count above the highest bar
const PLOT = 48; // height of the bars' area
const HEIGHT = TOP + PLOT + 11; // and the x axis' labels below

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// `values`: one number per bar (null: nothing recorded); `names`: its x label; `top`: the top of
// the scale; `format`: a number as the page writes it. Every label is SVG text, so a PDF has it.
export function chart(box, values, names, top, format) {
  const bar = WIDE / Math.max(values.length, BARS);
  const width = LEFT + WIDE + 2;
  const svg = element("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, class: "report-chart", focusable: "false" });
  const y = (value) => TOP + PLOT - (value / (top || 1)) * PLOT;
  svg.append(
    element("line", { class: "axis", x1: LEFT, x2: width, y1: TOP + PLOT, y2: TOP + PLOT }),
    element("line", { class: "axis", x1: LEFT, x2: LEFT, y1: TOP, y2: TOP + PLOT }),
    element("text", { class: "tick", x: LEFT - 2, y: TOP + PLOT, "text-anchor": "end" }, format(0)),
    element("text", { class: "tick", x: LEFT - 2, y: y(top) + 3, "text-anchor": "end" }, format(top)),
  );
  // A count on each bar while they fit (14), else on every k-th, beside the y axis' scale; a
  // date under every second of those (dates are wider than counts).
  const step = Math.ceil(values.length / BARS);
  values.forEach((value, index) => {
    const x = LEFT + index * bar;
    const centre = x + bar / 2;
    if (value) {
      const height = Math.max(1, TOP + PLOT - y(value));
      svg.append(element("rect", { class: "column", x: x + bar * 0.18, width: bar * 0.64, y: TOP + PLOT - height, height }));
    }
    const labelled = index % step === 0;
    if (labelled && value !== null) svg.append(element("text", { class: "value", x: centre, y: y(value || 0) - 2, "text-anchor": "middle" }, format(value)));
    if (index % (2 * step) === 0) svg.append(element("text", { class: "tick", x: centre, y: HEIGHT - 1, "text-anchor": "middle" }, names[index]));
  });
  box.replaceChildren(svg);
}
