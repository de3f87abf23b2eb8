import { useId, useState } from 'react';
import { Button, Checkbox, Space } from 'antd';
import { formatNumber } from '../../format';
import { useT, type MessageKey } from '../../i18n';

export interface ChecklistItem {
  index: number;
  name: string;
  kind: string | null;
  copies?: number | null;
  /** A paper outside any alternative group is required (the server refuses the dossier without it). */
  required: boolean;
  group?: string | null;
}

const LONG_NAME = 180;
const KINDS = new Set(['ORIGINAL', 'COPY', 'CERTIFIED_COPY', 'PHOTOCOPY', 'ORIGINAL_AND_COPY']);

/**
 * The procedure's papers as checkboxes: required ones marked in words, server field errors
 * (`papers.N`) shown on their paper. Space ticks, Enter moves on (the form handles Enter).
 */
export function PapersChecklist({
  items,
  value,
  onChange,
  errors,
  legend,
}: {
  items: ChecklistItem[];
  value: Record<number, boolean>;
  onChange: (next: Record<number, boolean>) => void;
  errors?: Record<number, string>;
  legend?: string;
}) {
  const t = useT();
  const base = useId();
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const set = (index: number, on: boolean) => onChange({ ...value, [index]: on });
  const requiredCount = items.filter((i) => i.required).length;
  const ticked = items.filter((i) => value[i.index]).length;

  const grouped = new Set(items.map((i) => i.group ?? null)).size > 1;
  let lastGroup: string | null | undefined;
  return (
    <fieldset className="ds-papers" aria-describedby={`${base}-summary`}>
      <legend>{legend ?? t('ds.papers.legend')}</legend>
      <div id={`${base}-summary`} className="ds-shortcut" style={{ marginBottom: 4 }}>
        {t('ds.papers.summary', {
          ticked: formatNumber(ticked),
          total: formatNumber(items.length),
          required: formatNumber(requiredCount),
        })}
      </div>
      <Space size={8} style={{ marginBottom: 4 }}>
        <Button
          size="small"
          onClick={() =>
            onChange({ ...value, ...Object.fromEntries(items.filter((i) => i.required).map((i) => [i.index, true])) })
          }
        >
          {t('ds.papers.tickRequired')}
        </Button>
        <Button size="small" onClick={() => onChange(Object.fromEntries(items.map((i) => [i.index, true])))}>
          {t('ds.papers.tickAll')}
        </Button>
      </Space>
      {items.length === 0 && <div className="ds-muted">{t('ds.papers.none')}</div>}
      {items.map((item) => {
        const nameId = `${base}-n${item.index}`;
        const errId = `${base}-e${item.index}`;
        const error = errors?.[item.index];
        const long = item.name.length > LONG_NAME;
        const open = expanded.has(item.index);
        const group = item.group ?? null;
        const groupHeader =
          grouped && group !== lastGroup ? (
            <div className="ds-papers-group">{group === null ? t('ds.papers.requiredGroup') : group}</div>
          ) : null;
        lastGroup = group;
        return (
          <div key={item.index}>
            {groupHeader}
            <div className={`ds-paper${error ? ' ds-paper-invalid' : ''}`}>
              <Checkbox
                checked={!!value[item.index]}
                onChange={(e) => set(item.index, e.target.checked)}
                aria-labelledby={nameId}
                aria-describedby={error ? errId : undefined}
                aria-invalid={error ? true : undefined}
                aria-required={item.required || undefined}
                data-paper-index={item.index}
              />
              <div className="ds-paper-body">
                <div
                  id={nameId}
                  className={`ds-paper-name${long && !open ? ' ds-clamped' : ''}`}
                  onClick={() => set(item.index, !value[item.index])}
                >
                  {formatNumber(item.index + 1)}. {item.name}
                  {item.required && <span className="visually-hidden"> ({t('ds.papers.required')})</span>}
                </div>
                <div className="ds-paper-meta">
                  {item.required ? (
                    <span className="ds-required" aria-hidden>
                      * {t('ds.papers.required')}
                    </span>
                  ) : (
                    <span>{t('ds.papers.optional')}</span>
                  )}
                  {item.kind && KINDS.has(item.kind) && <span>{t(`ca.docKind.${item.kind}` as MessageKey)}</span>}
                  {item.copies ? <span>{t('ds.papers.copies', { n: formatNumber(item.copies) })}</span> : null}
                  {long && (
                    <Button
                      type="link"
                      size="small"
                      className="link-button"
                      onClick={() =>
                        setExpanded((s) => {
                          const next = new Set(s);
                          if (next.has(item.index)) next.delete(item.index);
                          else next.add(item.index);
                          return next;
                        })
                      }
                    >
                      {open ? t('ds.papers.collapse') : t('ds.papers.expand')}
                    </Button>
                  )}
                </div>
                {error && (
                  <div id={errId} className="ds-paper-error" role="alert">
                    {error}
                  </div>
                )}
              </div>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
