import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { allNavigationEntries } from './navigation';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { StatusPage } from './pages/StatusPage';

// Screens not built yet route to an honest placeholder; each real screen replaces its entry here.
const placeholderRoutes: RouteObject[] = allNavigationEntries()
  .filter((entry) => entry.key !== 'status')
  .map((entry) => ({ path: entry.path, element: <PlaceholderPage entry={entry} /> }));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/status" replace /> },
      { path: '/status', element: <StatusPage /> },
      ...placeholderRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
