/** Prints a small HTML slip through a hidden iframe: works the same in Electron (print dialog) and in a browser. */
export function printSlip(title: string, rows: Array<{ label: string; value: string; big?: boolean }>, note: string): void {
  const esc = (s: string) => s.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:'Times New Roman',Tinos,serif;margin:24mm;font-size:14pt}h1{font-size:16pt;text-align:center}
td{padding:6px 12px;vertical-align:top}td.code{font-family:monospace;font-size:22pt;letter-spacing:2px;font-weight:bold}p{margin-top:18px}</style></head>
<body><h1>${esc(title)}</h1><table>${rows.map((r) => `<tr><td>${esc(r.label)}</td><td${r.big ? ' class="code"' : ''}>${esc(r.value)}</td></tr>`).join('')}</table><p>${esc(note)}</p></body></html>`;
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.append(frame);
  const doc = frame.contentDocument;
  if (!doc || !frame.contentWindow) {
    frame.remove();
    return;
  }
  doc.open();
  doc.write(html);
  doc.close();
  frame.contentWindow.focus();
  frame.contentWindow.print();
  // Removed later: some engines print asynchronously after print() returns.
  setTimeout(() => frame.remove(), 60_000);
}
