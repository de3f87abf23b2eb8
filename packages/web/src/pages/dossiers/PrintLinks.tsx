import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { dossiersApi, type Dossier, type FormSlug } from '../../api/dossiers';
import { useT } from '../../i18n';

/** The printable forms that apply to the dossier now (the forms service answers 404 for the others). */
export function applicableForms(d: Dossier): FormSlug[] {
  const r = d.record;
  const out: FormSlug[] = [];
  const received = r.receivedAt !== null && !!d.code;
  if (received) out.push('receipt-slip');
  if (r.supplement || r.receptionNote?.kind === 'GUIDED_TO_COMPLETE') out.push('supplement-request');
  if (r.receptionNote?.kind === 'REFUSED') out.push('reception-refusal');
  if (r.apology) out.push('apology-letter');
  if (r.stop && d.regime !== 'OSS_2018') out.push('stop-notice');
  if (received) out.push('process-control-sheet');
  return out;
}

/** "In …" links opening the PDF in a new tab (HTML version beside it). */
export function PrintLinks({ dossier }: { dossier: Dossier }) {
  const t = useT();
  const forms = applicableForms(dossier);
  if (forms.length === 0) return <span className="ds-muted">{t('ds.print.none')}</span>;
  return (
    <div className="ds-print-links">
      {forms.map((f) => (
        <Button
          key={f}
          icon={<PrinterOutlined aria-hidden />}
          href={dossiersApi.formUrl(dossier.id, f, 'pdf')}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t(`ds.print.${f}`)}
        </Button>
      ))}
    </div>
  );
}
