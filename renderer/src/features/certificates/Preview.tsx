import { Alert, Box, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Input } from '../../../../shared/api/contract.js';
import { fitDocument, fitText, type FitDocument } from '../../../../shared/awards/fit.js';
import { fieldLabel, PAPERS } from '../../../../shared/awards/layout.js';
import { useApi } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { certificatesMessages as m } from './messages.js';

const MM_PX = 96 / 25.4;

/**
 * Live preview: the store returns the very HTML the printer prints, shown in
 * an iframe at exact millimetres and fitted by the same fitDocument the
 * printer runs, so what the editor shows is the printout.
 */
export function Preview({
  template,
  itemId,
  printerName,
  width,
  overlay,
}: {
  template: Input<'certificates.previewHtml'>['template'];
  /** A real certificate to show instead of the sample text (the print dialog's preview). */
  itemId?: string;
  printerName?: string;
  width: number;
  /** Drawn over the page at the same scale (the editor's field handles). */
  overlay?: (pxPerMm: number) => ReactNode;
}) {
  const t = useT(m);
  const api = useApi();
  const [debounced] = useDebouncedValue(template, 300);
  const [html, setHtml] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [overflow, setOverflow] = useState<string[]>([]);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    let current = true;
    api.call('certificates.previewHtml', { template: debounced, ...(itemId ? { itemId } : {}), ...(printerName ? { printerName } : {}) }).then(
      (r) => current && (setHtml(r.html), setError(null)),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [api, debounced, itemId, printerName]);
  const paper = PAPERS[template.paper];
  const scale = width / (paper.widthMm * MM_PX);
  const onLoad = () => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    fitDocument(doc as unknown as FitDocument, fitText).then(
      (o) => setOverflow([...new Set(o.map((x) => fieldLabel(x.field)))]),
      () => undefined,
    );
  };
  return (
    <Box>
      <Text size="sm" c="dimmed" mb={4}>
        {t('preview')}
      </Text>
      {error ? <Alert color="red">{error}</Alert> : null}
      {overflow.length > 0 ? <Alert color="orange" data-testid="preview-overflow">{t('previewOverflow', { fields: overflow.join(', ') })}</Alert> : null}
      <Box style={{ position: 'relative', width, height: paper.heightMm * MM_PX * scale, overflow: 'hidden', border: '1px solid var(--mantine-color-gray-4)', background: '#fff' }}>
        <iframe
          ref={frame}
          title="preview"
          srcDoc={html}
          onLoad={onLoad}
          data-testid="certificate-preview"
          style={{ width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm`, border: 0, transform: `scale(${scale})`, transformOrigin: '0 0' }}
        />
        {overlay ? overlay(MM_PX * scale) : null}
      </Box>
    </Box>
  );
}
