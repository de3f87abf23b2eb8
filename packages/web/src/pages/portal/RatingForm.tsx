import { useState } from 'react';
import { Alert, Button, Collapse, Input, Radio } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problem';
import {
  RATING_CRITERIA,
  RATING_LEVELS,
  publicDossiersApi,
  type RatingCriterion,
  type RatingLevel,
} from '../../api/publicDossiers';
import { useT } from '../../i18n';

const ICONS: Record<RatingLevel, typeof SmileOutlined> = {
  VERY_SATISFIED: SmileOutlined,
  SATISFIED: MehOutlined,
  DISSATISFIED: FrownOutlined,
};

/**
 * One satisfaction rating per delivered dossier: three levels as large buttons, the optional criteria 1–12
 * (each 0–2) and a comment. `onRated` gets the level once the server has it (also after 409 already rated).
 */
export function RatingForm({
  code,
  check,
  onRated,
}: {
  code: string;
  check: string;
  onRated: (level: RatingLevel | null) => void;
}) {
  const t = useT();
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [criteria, setCriteria] = useState<Partial<Record<RatingCriterion, 0 | 1 | 2>>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (!level) {
      setError(t('citizen.rating.chooseLevel'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await publicDossiersApi.rate(code, check, {
        level,
        criteria: RATING_CRITERIA.filter((c) => criteria[c] !== undefined).map((c) => ({
          code: c,
          value: criteria[c]!,
        })),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onRated(level);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DOSSIER_ALREADY_RATED') onRated(null);
      else setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="rating-form">
      <p>{t('citizen.rating.intro')}</p>
      <div role="group" aria-labelledby="rating-level-label">
        <div id="rating-level-label" style={{ fontWeight: 500 }}>
          {t('citizen.rating.level')}
        </div>
        <div className="rating-levels">
          {RATING_LEVELS.map((l) => {
            const Icon = ICONS[l];
            return (
              <Button
                key={l}
                size="large"
                className="rating-level"
                type={level === l ? 'primary' : 'default'}
                aria-pressed={level === l}
                onClick={() => {
                  setLevel(l);
                  setError(null);
                }}
              >
                <Icon aria-hidden />
                {t(`citizen.rating.level.${l}`)}
              </Button>
            );
          })}
        </div>
      </div>
      <Collapse
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'criteria',
            label: t('citizen.rating.details'),
            children: (
              <div className="rating-criteria">
                {RATING_CRITERIA.map((c) => (
                  <fieldset key={c}>
                    <legend>
                      {c}. {t(`citizen.rating.criterion.${c}`)}
                    </legend>
                    <Radio.Group
                      value={criteria[c]}
                      onChange={(e) => setCriteria((prev) => ({ ...prev, [c]: e.target.value as 0 | 1 | 2 }))}
                      options={([0, 1, 2] as const).map((v) => ({ value: v, label: t(`citizen.rating.score.${v}`) }))}
                    />
                  </fieldset>
                ))}
              </div>
            ),
          },
        ]}
      />
      <label htmlFor="rating-comment" style={{ display: 'block', fontWeight: 500, marginBottom: 4 }}>
        {t('citizen.rating.comment')}
      </label>
      <Input.TextArea
        id="rating-comment"
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div aria-live="polite">
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      </div>
      <Button type="primary" size="large" style={{ marginTop: 12 }} loading={busy} onClick={send}>
        {t('citizen.rating.send')}
      </Button>
    </div>
  );
}
