// A bar chart as plain inline SVG: no library (uPlot would add about 20 KB compressed and a
// canvas that screen readers cannot read); the page gives the same figures as text and a table.
// Only attributes and classes, no inline styles (CSP); patterns.css gives the colours.
const SVG = "http://www.w3.org/2000/svg";

function element(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

// One bar per bucket; `pick` gives its value (null: nothing recorded), `top` the scale's top.
export function bars(box, buckets, pick, top) {
  const width = Math.max(buckets.length, 1) * 10;
  const svg = element("svg", { viewBox: `0 0 ${width} 100`, preserveAspectRatio: "none", focusable: "false" });
  svg.append(element("line", { class: "axis", x1: 0, x2: width, y1: 100, y2: 100 }));
  buckets.forEach((bucket, index) => {
    const value = pick(bucket);
    if (!value) return;
    const height = Math.max(2, (value / (top || 1)) * 96);
    svg.append(element("rect", { class: "column", x: index * 10 + 1.5, width: 7, y: 100 - height, height }));
  });
  box.replaceChildren(svg);
}
