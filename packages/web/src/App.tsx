import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RequireAuth, RequireRole, FullPageSpin, NotFound } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import { NAV_ITEMS } from './layout/nav';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const UnitsPage = lazy(() => import('./pages/admin/units/UnitsPage'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage'));
const UnderConstruction = lazy(() => import('./pages/placeholder/UnderConstruction'));

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<FullPageSpin />}>
        <Routes>
          <Route path="/dang-nhap" element={<LoginPage />} />
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
