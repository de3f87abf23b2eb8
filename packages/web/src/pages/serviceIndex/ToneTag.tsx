import type { ReactNode } from 'react';
import { Tag } from 'antd';

const TEXT = { warning: '#874d00', processing: '#003eb3', success: '#135200' } as const;

/** antd's coloured tag with a darker text colour (AA contrast on the tag background). */
export function ToneTag(props: { tone: keyof typeof TEXT; children: ReactNode; title?: string; spaced?: boolean }) {
  const { tone, children, title, spaced } = props;
  return (
    <Tag color={tone} title={title} style={{ color: TEXT[tone], marginInlineStart: spaced ? 6 : undefined }}>
      {children}
    </Tag>
  );
}
