import { Button, Space } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { ReportFormat } from '../../api/serviceIndex';
import { useT } from '../../i18n';

/** "Xuất Excel" / "Xuất PDF": plain download links (same-origin GET, the session cookie authenticates). */
export function ReportDownloads({ href, name }: { href: (format: ReportFormat) => string; name: string }) {
  const t = useT();
  return (
    <Space>
      <Button icon={<FileExcelOutlined />} href={href('xlsx')} download={`${name}.xlsx`}>
        {t('si.report.xlsx')}
      </Button>
      <Button icon={<FilePdfOutlined />} href={href('pdf')} download={`${name}.pdf`}>
        {t('si.report.pdf')}
      </Button>
    </Space>
  );
}
