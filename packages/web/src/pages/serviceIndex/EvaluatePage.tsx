import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalculatorOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  evaluateApi,
  type EvaluateLostPoint,
  type EvaluateRequest,
  type EvaluateResponse,
  type GroupScore,
  type UnitLevelName,
} from '../../api/serviceIndex';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../format';
import { useT, type Translate } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { fmtScore, groupLabel, indicatorLabel, tryT } from './format';
import { IndicatorTable } from './IndicatorTable';
import { ToneTag } from './ToneTag';
import './serviceIndex.css';

const LEVELS: readonly UnitLevelName[] = ['PROVINCE', 'DEPARTMENT', 'COMMUNE'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

interface Values {
  range?: [Dayjs, Dayjs];
  unitLevel: UnitLevelName;
  json?: string;
}

type Parsed = { ok: true; base: Record<string, unknown>; dossiers: unknown[] } | { ok: false; message: string };

/** An array of sync records, or a whole request object with `dossiers`. */
export function parseInput(text: string, t: Translate): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: t('sie.badJson', { error: (e as Error).message }) };
  }
  if (Array.isArray(value)) return { ok: true, base: {}, dossiers: value };
  if (value && typeof value === 'object' && Array.isArray((value as { dossiers?: unknown }).dossiers)) {
    const { dossiers, ...base } = value as { dossiers: unknown[] } & Record<string, unknown>;
    return { ok: true, base, dossiers };
  }
  return { ok: false, message: t('sie.badShape') };
}

/** 'YYYY-MM-DD' at the start of a period bound ('2025-11-01', '2025-11-01T00:00:00+07:00'), else undefined. */
function localDateOf(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
}

/** Where a server field error belongs: the period or level inputs, or the JSON. */
function formFieldOf(field: string): 'range' | 'unitLevel' | null {
  if (field === 'body.period' || field.startsWith('body.period.')) return 'range';
  if (field === 'body.unitLevel') return 'unitLevel';
  return null;
}

/**
 * /chi-so-phuc-vu/doi-chieu — reconciliation and what-if: score dossier records in the national portal's sync
 * shape (POST /service-index/evaluate, nothing stored) for a period and a unit level; total, groups, indicators
 * (not computable ones with the reason) and the dossiers that lost points.
 */
export default function EvaluatePage() {
  const t = useT();
  usePageTitle(t('sie.title'));
  const [form] = Form.useForm<Values>();
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: { field: string; message: string }[] } | null>(null);
  const [result, setResult] = useState<EvaluateResponse | null>(null);
  const [indicator, setIndicator] = useState<string | null>(null);

  const readFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      form.setFields([{ name: 'json', errors: [t('sie.fileTooLarge')] }]);
      return;
    }
    const text = await file.text();
    setFileName(file.name);
    form.setFieldValue('json', text);
    form.setFields([{ name: 'json', errors: [] }]);
    // A whole request: its period and level fill the inputs (what is shown is what is sent).
    const parsed = parseInput(text, t);
    if (parsed.ok) {
      const period = parsed.base.period as { from?: unknown; to?: unknown } | undefined;
      const from = localDateOf(period?.from);
      const to = localDateOf(period?.to);
      if (from && to) form.setFieldValue('range', [fromIsoDate(from)!, fromIsoDate(to)!]);
      const level = parsed.base.unitLevel;
      if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level))
        form.setFieldValue('unitLevel', level);
    }
  };

  const submit = async (values: Values) => {
    const parsed = parseInput(values.json ?? '', t);
    if (!parsed.ok) {
      form.setFields([{ name: 'json', errors: [parsed.message] }]);
      return;
    }
    const [from, to] = values.range!;
    const body: EvaluateRequest = {
      ...parsed.base,
      period: { from: toIsoDate(from), to: toIsoDate(to) },
      unitLevel: values.unitLevel,
      dossiers: parsed.dossiers,
    };
    setBusy(true);
    setError(null);
    setIndicator(null);
    try {
      setResult(await evaluateApi.evaluate(body));
    } catch (e) {
      setResult(null);
      const fields = e instanceof ApiError ? (e.problem.errors ?? []) : [];
      const onForm = new Map<'range' | 'unitLevel', string[]>();
      const rest: { field: string; message: string }[] = [];
      for (const f of fields) {
        const name = formFieldOf(f.field);
        if (name) onForm.set(name, [...(onForm.get(name) ?? []), f.message]);
        else rest.push(f);
      }
      form.setFields([...onForm.entries()].map(([name, errors]) => ({ name, errors })));
      setError({ message: problemMessage(e, t), fields: rest });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('sie.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sie.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ unitLevel: 'COMMUNE' }}
          onFinish={(v) => void submit(v)}
          style={{ maxWidth: 900 }}
        >
          <Space wrap align="start" size="large">
            <Form.Item
              name="range"
              label={t('sie.period')}
              rules={[{ required: true, message: t('sie.periodRequired') }]}
            >
              <DatePicker.RangePicker
                id={{ start: 'range' }}
                format={DATE_FORMAT}
                placeholder={[t('sie.from'), t('sie.to')]}
              />
            </Form.Item>
            <Form.Item name="unitLevel" label={t('sie.level')} rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={LEVELS.map((l) => ({ value: l, label: t(`si.level.${l}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item label={t('sie.file')} extra={t('sie.fileHint')}>
            <Space wrap>
              <Upload
                accept=".json,application/json"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  void readFile(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined aria-hidden />}>{t('sie.chooseFile')}</Button>
              </Upload>
              {fileName && <span>{t('sie.chosen', { name: fileName })}</span>}
            </Space>
          </Form.Item>
          <Form.Item
            name="json"
            label={t('sie.json')}
            rules={[{ required: true, whitespace: true, message: t('sie.jsonRequired') }]}
          >
            <Input.TextArea
              rows={8}
              spellCheck={false}
              className="si-json"
              placeholder={t('sie.jsonPlaceholder')}
              onChange={() => setFileName(null)}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} icon={<CalculatorOutlined aria-hidden />}>
            {t('sie.submit')}
          </Button>
        </Form>
      </Card>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={
            error.fields.length > 0 && (
              <ul className="si-errors">
                {error.fields.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    <code>{f.field.replace(/^body\./, '')}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {result && <EvaluateResult result={result} indicator={indicator} onOpen={setIndicator} />}
      <div className="si-toolbar" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('sie.note')}</Typography.Text>
        <Link to="/chi-so-phuc-vu">{t('sie.toRanking')}</Link>
      </div>
    </>
  );
}

function EvaluateResult(props: {
  result: EvaluateResponse;
  indicator: string | null;
  onOpen: (code: string | null) => void;
}) {
  const { result, indicator, onOpen } = props;
  const t = useT();
  const lost = useMemo(
    () => (indicator ? result.lostPoints.filter((l) => l.indicator === indicator) : []),
    [result, indicator],
  );
  const groupColumns: ColumnsType<GroupScore> = [
    { key: 'group', title: t('si.col.group'), render: (_, g) => groupLabel(g.code, t) },
    {
      key: 'score',
      title: t('si.col.score'),
      align: 'right',
      render: (_, g) => <span className="si-num">{fmtScore(g.score)}</span>,
    },
    {
      key: 'max',
      title: t('si.col.max'),
      align: 'right',
      render: (_, g) => <span className="si-num">{fmtScore(g.max)}</span>,
    },
    {
      key: 'complete',
      title: t('si.col.status'),
      render: (_, g) => (!g.complete ? <ToneTag tone="warning">{t('si.incomplete')}</ToneTag> : t('sie.groupComplete')),
    },
  ];
  const lostColumns: ColumnsType<EvaluateLostPoint> = [
    { key: 'code', title: t('si.lp.dossier'), render: (_, l) => l.dossierCode },
    { key: 'reason', title: t('si.lp.reason'), render: (_, l) => tryT(t, `si.lpReason.${l.reason}`, l.reason) },
    {
      key: 'points',
      title: t('si.lp.points'),
      align: 'right',
      render: (_, l) => <span className="si-num">{fmtScore(l.points)}</span>,
    },
    { key: 'message', title: t('si.lp.message'), render: (_, l) => l.messageVi },
  ];
  return (
    <section aria-labelledby="sie-result">
      <Typography.Title level={2} id="sie-result" style={{ fontSize: 18 }}>
        {t('sie.resultTitle')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size="large" wrap align="center">
          <Statistic title={t('si.col.total')} value={`${fmtScore(result.total)} / ${fmtScore(result.max)}`} />
          {!result.complete && (
            <ToneTag tone="warning" title={t('si.incompleteHint')}>
              {t('si.computableOf', { max: fmtScore(result.computableMax) })}
            </ToneTag>
          )}
        </Space>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('si.chart.groups')}
      </Typography.Title>
      <Table<GroupScore>
        className="si-groups"
        size="small"
        rowKey="code"
        columns={groupColumns}
        dataSource={result.groups}
        pagination={false}
        caption={<span className="visually-hidden">{t('si.chart.groups')}</span>}
        style={{ marginBottom: 16 }}
      />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('si.indicatorsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('si.indicatorsHint')}</Typography.Paragraph>
      <IndicatorTable rows={result.indicators} onOpen={(code) => onOpen(code)} />
      {indicator && (
        <section aria-labelledby="sie-lost" style={{ marginTop: 16 }}>
          <Typography.Title level={3} id="sie-lost" style={{ fontSize: 16 }}>
            {t('si.lp.title', { name: indicatorLabel(indicator) })}
          </Typography.Title>
          <Table<EvaluateLostPoint>
            size="small"
            rowKey={(l) => `${l.dossierCode}-${l.indicator}-${l.reason}`}
            columns={lostColumns}
            dataSource={lost}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('si.lp.empty') }}
            caption={<span className="visually-hidden">{t('si.lp.caption')}</span>}
          />
        </section>
      )}
    </section>
  );
}
