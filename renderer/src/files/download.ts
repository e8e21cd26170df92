import type { FileData } from '../../../shared/api/methods/people.js';

/** Saves a file the API returned (base64) through the browser's download: Blob + a temporary anchor. */
export function downloadFile(file: FileData, mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a chosen file as base64, the encoding both IPC and HTTP carry. */
export async function readFileAsBase64(file: File): Promise<FileData> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { fileName: file.name, base64: btoa(binary) };
}
