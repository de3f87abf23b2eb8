import { useId, useRef } from 'react';
import { Button } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { formatBytes } from './dossierParts';

/** What the server accepts (it checks the content, this only narrows the browser's file dialog). */
export const ACCEPTED_FILES =
  '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt,application/pdf,image/jpeg,image/png,image/tiff';

/**
 * Files chosen for one paper, kept in the page until the dossier exists (they are uploaded to it afterwards).
 * A button opens the browser's file dialog; each chosen file can be removed.
 */
export function FilePicker({
  files,
  onChange,
  label,
  multiple = true,
  disabled,
  testId,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  /** Accessible name of the button, e.g. "Chọn tệp cho giấy tờ: Tờ khai". */
  label: string;
  multiple?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <div data-testid={testId} className="file-picker">
      <input
        ref={input}
        id={id}
        type="file"
        hidden
        style={{ display: 'none' }}
        multiple={multiple}
        accept={ACCEPTED_FILES}
        aria-label={label}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (chosen.length) onChange(multiple ? [...files, ...chosen] : chosen.slice(0, 1));
        }}
      />
      {files.length > 0 && (
        <ul className="upload-status">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span>
                <PaperClipOutlined aria-hidden /> {f.name} <span className="muted">({formatBytes(f.size)})</span>
              </span>
              <Button
                size="small"
                type="text"
                danger
                disabled={disabled}
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('citizen.submit.removeFile', { name: f.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              />
            </li>
          ))}
        </ul>
      )}
      <Button
        style={{ marginTop: 8 }}
        icon={<PaperClipOutlined aria-hidden />}
        disabled={disabled}
        aria-label={label}
        onClick={() => input.current?.click()}
      >
        {t('citizen.submit.chooseFile')}
      </Button>
    </div>
  );
}
