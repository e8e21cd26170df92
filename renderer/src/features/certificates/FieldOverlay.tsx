import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { FIELD_LABELS, type FieldBox } from '../../../../shared/awards/layout.js';
import { moveBox, resizeBox, snapMm } from './field-geometry.js';

type Box = Pick<FieldBox, 'id' | 'key' | 'xMm' | 'yMm' | 'wMm' | 'hMm'> & { text?: string | null | undefined };

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  box: Box;
}

/**
 * Handles over the preview: each field's box can be dragged to move it,
 * its corner dragged to resize it, and arrow keys nudge the selected box
 * (0,5 mm; 5 mm with Shift). Positions snap to 0,5 mm and stay on the page.
 * The preview underneath re-renders the real printout as the numbers change.
 */
export function FieldOverlay({
  fields,
  paper,
  pxPerMm,
  selectedId,
  onSelect,
  onChange,
}: {
  fields: readonly Box[];
  paper: { widthMm: number; heightMm: number };
  pxPerMm: number;
  selectedId: string | null;
  onSelect(id: string): void;
  onChange(id: string, patch: Pick<FieldBox, 'xMm' | 'yMm' | 'wMm' | 'hMm'>): void;
}) {
  const drag = useRef<Drag | null>(null);

  const start = (event: PointerEvent<HTMLDivElement>, box: Box, mode: Drag['mode']) => {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { id: box.id, mode, startX: event.clientX, startY: event.clientY, box };
    onSelect(box.id);
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = snapMm((event.clientX - d.startX) / pxPerMm);
    const dy = snapMm((event.clientY - d.startY) / pxPerMm);
    onChange(d.id, d.mode === 'move' ? moveBox(d.box, dx, dy, paper) : resizeBox(d.box, dx, dy, paper));
  };
  const end = () => {
    drag.current = null;
  };
  const nudge = (event: KeyboardEvent<HTMLDivElement>, box: Box) => {
    const step = event.shiftKey ? 5 : 0.5;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
    if (!delta) return;
    event.preventDefault();
    onChange(box.id, moveBox(box, delta[0] ?? 0, delta[1] ?? 0, paper));
  };

  return (
    <div style={{ position: 'absolute', inset: 0 }} data-testid="field-overlay">
      {fields.map((f) => {
        const selected = f.id === selectedId;
        const label = f.key === 'literal' ? (f.text ?? FIELD_LABELS.literal) : FIELD_LABELS[f.key];
        return (
          <div
            key={f.id}
            role="button"
            tabIndex={0}
            aria-label={label}
            title={label}
            data-testid={`overlay-${f.id}`}
            onPointerDown={(e) => start(e, f, 'move')}
            onPointerMove={move}
            onPointerUp={end}
            onPointerCancel={end}
            onKeyDown={(e) => nudge(e, f)}
            onFocus={() => onSelect(f.id)}
            style={{
              position: 'absolute',
              left: f.xMm * pxPerMm,
              top: f.yMm * pxPerMm,
              width: f.wMm * pxPerMm,
              height: f.hMm * pxPerMm,
              boxSizing: 'border-box',
              cursor: 'move',
              touchAction: 'none',
              outline: selected ? '2px solid var(--mantine-color-blue-6)' : 'none',
              background: selected ? 'rgba(34, 139, 230, 0.08)' : 'transparent',
            }}
          >
            {selected ? (
              <div
                data-testid={`overlay-${f.id}-resize`}
                onPointerDown={(e) => start(e, f, 'resize')}
                onPointerMove={move}
                onPointerUp={end}
                onPointerCancel={end}
                style={{ position: 'absolute', right: -5, bottom: -5, width: 10, height: 10, background: 'var(--mantine-color-blue-6)', cursor: 'nwse-resize', touchAction: 'none' }}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
