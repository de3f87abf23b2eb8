import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { NotFound } from '../../auth/guards';

const PublicLayout = lazy(() => import('../../layout/PublicLayout'));
const PortalHome = lazy(() => import('./PortalHome'));
const ProcedureSearchPage = lazy(() => import('./ProcedureSearchPage'));
const ProcedurePage = lazy(() => import('./ProcedurePage'));
const DueDatePage = lazy(() => import('./DueDatePage'));
const OnlineSubmitPage = lazy(() => import('./OnlineSubmitPage'));

/** Public portal routes (no sign-in). Called as a function inside <Routes>. */
export function portalRoutes() {
  return (
    <Route path="/dich-vu-cong" element={<PublicLayout />}>
      <Route index element={<PortalHome />} />
      <Route path="thu-tuc" element={<ProcedureSearchPage />} />
      <Route path="thu-tuc/:code" element={<ProcedurePage />} />
      <Route path="thoi-han" element={<DueDatePage />} />
      <Route path="nop-truc-tuyen/:code" element={<OnlineSubmitPage />} />
      <Route path="*" element={<NotFound />} />
    </Route>
  );
}
