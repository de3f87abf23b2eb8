import { Button } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';

/** Move up, move down and remove for one item of an ordered Form.List (the procedure's papers, a process's steps). */
export function ListItemControls(props: {
  /** The item's label, named by the move buttons' accessible names. */
  label: string;
  index: number;
  count: number;
  removeLabel: string;
  removeDisabled?: boolean;
  move: (from: number, to: number) => void;
  remove: () => void;
}) {
  const t = useT();
  const { label, index: i, count } = props;
  return (
    <>
      <Button
        type="text"
        icon={<ArrowUpOutlined aria-hidden />}
        aria-label={t('proc.moveUp', { name: label })}
        disabled={i === 0}
        onClick={() => props.move(i, i - 1)}
      />
      <Button
        type="text"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={t('proc.moveDown', { name: label })}
        disabled={i === count - 1}
        onClick={() => props.move(i, i + 1)}
      />
      <Button
        type="text"
        danger
        icon={<DeleteOutlined aria-hidden />}
        aria-label={props.removeLabel}
        disabled={props.removeDisabled}
        onClick={props.remove}
      />
    </>
  );
}
