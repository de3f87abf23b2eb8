import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '../../../api/types';
import { usersApi } from '../../../api/users';
import { problemMessage } from '../../../api/problem';
import { useAuth } from '../../../auth/AuthContext';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { UserFormModal } from './UserFormModal';
import { GrantsDrawer } from './GrantsDrawer';

const PAGE = 50;

export default function UsersPage() {
  const t = useT();
  usePageTitle(t('users.title'));
  const { message } = App.useApp();
  const { user: me, refresh: refreshMe } = useAuth();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<User[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [toggling, setToggling] = useState<string | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [creating, setCreating] = useState(false);
  const [grantsFor, setGrantsFor] = useState<User | null>(null);

  const load = useCallback(async (query: string) => {
    setItems(null);
    setError(null);
    try {
      const p = await usersApi.list({ q: query || undefined, limit: PAGE });
      setItems(p.items);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
      setItems([]);
    }
  }, []);

  useEffect(() => {
    void load(q);
  }, [q, load]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await usersApi.list({ q: q || undefined, limit: PAGE, cursor });
      setItems((old) => [...(old ?? []), ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const replace = (u: User) => {
    setItems((old) => (old ?? []).map((x) => (x.id === u.id ? u : x)));
    if (grantsFor?.id === u.id) setGrantsFor(u);
    if (me?.id === u.id) void refreshMe();
  };

  const toggle = async (u: User, active: boolean) => {
    setToggling(u.id);
    try {
      const saved = await usersApi.update(u.id, { active });
      replace(saved);
      message.success(t(active ? 'users.activated' : 'users.deactivated', { name: saved.username }));
    } catch (e) {
      message.error(problemMessage(e, t));
    } finally {
      setToggling(null);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('users.title')}
      </Typography.Title>
      <div className="toolbar">
        <label htmlFor="users-q" className="visually-hidden">
          {t('users.search')}
        </label>
        <Input.Search
          id="users-q"
          placeholder={t('users.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 360, maxWidth: '100%' }}
        />
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </div>
      {error != null && <Alert type="error" showIcon title={problemMessage(error, t)} style={{ marginBottom: 12 }} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('users.empty') }}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', key: 'username', width: 140 },
          { title: t('users.fullName'), dataIndex: 'fullName', key: 'fullName', width: 200 },
          { title: t('users.email'), key: 'email', render: (_, u) => u.email ?? t('common.none') },
          { title: t('users.phone'), key: 'phone', width: 130, render: (_, u) => u.phone ?? t('common.none') },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_, u) => (
              <Space wrap size={4}>
                {[...new Set(u.grants.map((g) => g.role))].map((r) => (
                  <Tag key={r}>{t(`role.${r}`)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('users.status'),
            key: 'active',
            width: 190,
            render: (_, u) => (
              <Space>
                <Switch
                  checked={u.active}
                  loading={toggling === u.id}
                  aria-label={t('users.toggleActive', { name: u.username })}
                  onChange={(v) => void toggle(u, v)}
                />
                <span>{u.active ? t('users.active') : t('users.inactive')}</span>
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            fixed: 'right',
            render: (_, u) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('users.editUser', { name: u.username })}
                  onClick={() => setEditing(u)}
                >
                  {t('common.edit')}
                </Button>
                <Button
                  size="small"
                  icon={<KeyOutlined aria-hidden />}
                  aria-label={t('users.grantsOf', { name: u.username })}
                  onClick={() => setGrantsFor(u)}
                >
                  {t('users.grants')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {cursor && (
        <Button style={{ marginTop: 12 }} onClick={loadMore} loading={loadingMore}>
          {t('common.loadMore')}
        </Button>
      )}
      <UserFormModal
        open={creating || !!editing}
        user={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(u) => {
          if (editing) replace(u);
          else setItems((old) => [u, ...(old ?? [])]);
          setCreating(false);
          setEditing(null);
        }}
      />
      <GrantsDrawer user={grantsFor} onClose={() => setGrantsFor(null)} onChanged={replace} />
    </>
  );
}
