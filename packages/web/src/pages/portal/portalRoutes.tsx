import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { NotFound } from '../../auth/guards';

const PublicLayout = lazy(() => import('../../layout/PublicLayout'));
const PortalHome = lazy(() => import('./PortalHome'));
const ProcedureSearchPage = lazy(() => import('./ProcedureSearchPage'));
const ProcedurePage = lazy(() => import('./ProcedurePage'));
const DueDatePage = lazy(() => import('./DueDatePage'));
const OnlineSubmitPage = lazy(() => import('./OnlineSubmitPage'));
const MyDossiersPage = lazy(() => import('./MyDossiersPage'));
const MyDossierPage = lazy(() => import('./MyDossierPage'));
const TrackingPage = lazy(() => import('./TrackingPage'));
const TransparencyPage = lazy(() => import('./TransparencyPage'));

/**
 * Public portal routes (no sign-in, except online submission and "Hồ sơ của tôi", which ask for it), and the
 * public tracking page /tra-cuu that the receipt slip's QR code opens. Called as a function inside <Routes>.
 */
export function portalRoutes() {
  return (
    <>
      <Route path="/dich-vu-cong" element={<PublicLayout />}>
        <Route index element={<PortalHome />} />
        <Route path="thu-tuc" element={<ProcedureSearchPage />} />
        <Route path="thu-tuc/:code" element={<ProcedurePage />} />
        <Route path="thoi-han" element={<DueDatePage />} />
        <Route path="nop-truc-tuyen/:code" element={<OnlineSubmitPage />} />
        <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
        <Route path="ho-so-cua-toi/:id" element={<MyDossierPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      {/* index child: ranks above the signed-in layout's /tra-cuu placeholder entry (layout/nav.tsx) */}
      <Route path="/tra-cuu" element={<PublicLayout />}>
        <Route index element={<TrackingPage />} />
      </Route>
      {/* public transparency of the service index (Decision 766) */}
      <Route path="/cong-khai/chi-so" element={<PublicLayout />}>
        <Route index element={<TransparencyPage />} />
      </Route>
    </>
  );
}
