import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RequireAuth, RequireRole, FullPageSpin, NotFound } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import { NAV_ITEMS, REPORT_ROLES } from './layout/nav';
import { portalRoutes } from './pages/portal/portalRoutes';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const UnitsPage = lazy(() => import('./pages/admin/units/UnitsPage'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage'));
const CalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage'));
const ProcedureListPage = lazy(() => import('./pages/admin/catalog/ProcedureListPage'));
const ProcedurePage = lazy(() => import('./pages/admin/catalog/ProcedurePage'));
const ImportPage = lazy(() => import('./pages/admin/catalog/ImportPage'));
const MissingProcessPage = lazy(() => import('./pages/admin/catalog/MissingProcessPage'));
const SimplificationPage = lazy(() => import('./pages/admin/catalog/SimplificationPage'));
const ReceptionPage = lazy(() => import('./pages/dossiers/ReceptionPage'));
const MyQueuePage = lazy(() => import('./pages/dossiers/MyQueuePage'));
const UnitDossiersPage = lazy(() => import('./pages/dossiers/UnitDossiersPage'));
const CoordinatingDossiersPage = lazy(() => import('./pages/dossiers/CoordinatingDossiersPage'));
const EarlyWarningPage = lazy(() => import('./pages/dossiers/EarlyWarningPage'));
const DossierPage = lazy(() => import('./pages/dossiers/DossierPage'));
const ServiceIndexPage = lazy(() => import('./pages/serviceIndex/ServiceIndexPage'));
const UnitIndexPage = lazy(() => import('./pages/serviceIndex/UnitIndexPage'));
const DashboardPage = lazy(() => import('./pages/serviceIndex/DashboardPage'));
const ReportsPage = lazy(() => import('./pages/serviceIndex/ReportsPage'));
const ServiceIndexSettingsPage = lazy(() => import('./pages/serviceIndex/SettingsPage'));
const ServiceIndexEvaluatePage = lazy(() => import('./pages/serviceIndex/EvaluatePage'));
const UnderConstruction = lazy(() => import('./pages/placeholder/UnderConstruction'));

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<FullPageSpin />}>
        <Routes>
          <Route path="/dang-nhap" element={<LoginPage />} />
          {portalRoutes()}
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<HomePage />} />
            <Route
              path="quan-tri/don-vi"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <UnitsPage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/nguoi-dung"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <UsersPage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/lich-lam-viec"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <CalendarPage />
                </RequireRole>
              }
            />
            {/* catalog admin (pages/admin/catalog) */}
            <Route
              path="quan-tri/thu-tuc"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <ProcedureListPage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/thu-tuc/nhap"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <ImportPage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/thu-tuc/chua-co-quy-trinh"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <MissingProcessPage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/thu-tuc/:code"
              element={
                <RequireRole roles={['SYSTEM_ADMIN']}>
                  <ProcedurePage />
                </RequireRole>
              }
            />
            <Route
              path="quan-tri/don-gian-hoa"
              element={
                <RequireRole roles={['SYSTEM_ADMIN', 'REFORM_OFFICER']}>
                  <SimplificationPage />
                </RequireRole>
              }
            />
            {/* officer workspace (pages/dossiers) */}
            <Route
              path="ho-so/tiep-nhan"
              element={
                <RequireRole roles={['COUNTER_OFFICER']}>
                  <ReceptionPage />
                </RequireRole>
              }
            />
            <Route
              path="ho-so/cua-toi"
              element={
                <RequireRole roles={['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER']}>
                  <MyQueuePage />
                </RequireRole>
              }
            />
            <Route
              path="ho-so/don-vi"
              element={
                <RequireRole roles={['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER', 'INSPECTOR']}>
                  <UnitDossiersPage />
                </RequireRole>
              }
            />
            <Route
              path="ho-so/lien-thong"
              element={
                <RequireRole roles={['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER']}>
                  <CoordinatingDossiersPage />
                </RequireRole>
              }
            />
            <Route
              path="ho-so/canh-bao"
              element={
                <RequireRole roles={['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER', 'INSPECTOR']}>
                  <EarlyWarningPage />
                </RequireRole>
              }
            />
            <Route
              path="ho-so/:id"
              element={
                <RequireRole roles={['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER', 'INSPECTOR', 'SYSTEM_ADMIN']}>
                  <DossierPage />
                </RequireRole>
              }
            />
            {/* service index, dashboards and statutory reports (pages/serviceIndex): roles holding reports.read */}
            {(
              [
                ['chi-so-phuc-vu', <ServiceIndexPage key="si" />],
                ['chi-so-phuc-vu/:unitId', <UnitIndexPage key="siu" />],
                ['bao-cao/dashboard', <DashboardPage key="sid" />],
                ['bao-cao/bieu-mau', <ReportsPage key="sir" />],
              ] as const
            ).map(([path, page]) => (
              <Route key={path} path={path} element={<RequireRole roles={REPORT_ROLES}>{page}</RequireRole>} />
            ))}
            <Route
              path="chi-so-phuc-vu/cau-hinh"
              element={
                <RequireRole roles={['SYSTEM_ADMIN', 'REFORM_OFFICER']}>
                  <ServiceIndexSettingsPage />
                </RequireRole>
              }
            />
            <Route
              path="chi-so-phuc-vu/doi-chieu"
              element={
                <RequireRole roles={['SYSTEM_ADMIN', 'REFORM_OFFICER']}>
                  <ServiceIndexEvaluatePage />
                </RequireRole>
              }
            />
            {NAV_ITEMS.filter((i) => i.placeholderKey).map((i) => (
              <Route
                key={i.path}
                path={i.path.slice(1)}
                element={
                  <RequireRole roles={i.roles}>
                    <UnderConstruction titleKey={i.labelKey} descriptionKey={i.placeholderKey!} />
                  </RequireRole>
                }
              />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
