import { createBrowserRouter, type RouteObject } from 'react-router';
import { Permission } from '@app/contracts';
import type { ReactNode } from 'react';
import { HomeRedirect, RequirePermission, RequireSignedIn, RequireSignedOut, RequireStage } from './auth/guards';
import { ENROL_PATH, LOGIN_PATH, MFA_PATH, RESET_PATH, STATUS_PATH } from './auth/routing';
import { AppLayout } from './layout/AppLayout';
import { AuthLayout } from './layout/AuthLayout';
import { allNavigationEntries, type NavigationKey } from './navigation';
import { AccountMfaPage } from './pages/account/AccountMfaPage';
import { PasswordPage } from './pages/account/PasswordPage';
import { ACCOUNT_MFA_PATH, ACCOUNT_PASSWORD_PATH, ACCOUNT_SECURITY_PATH } from './pages/account/paths';
import { AccountEventsPage } from './pages/admin/AccountEventsPage';
import { ACCOUNT_EVENTS_PATH, USER_PATH_PATTERN } from './pages/admin/paths';
import { SettingsPage } from './pages/admin/SettingsPage';
import { TeamsAndSitesPage } from './pages/admin/TeamsAndSitesPage';
import { UserPage } from './pages/admin/UserPage';
import { UsersPage } from './pages/admin/UsersPage';
import { AuditPage } from './pages/audit/AuditPage';
import { BreakGlassPage } from './pages/audit/BreakGlassPage';
import { VerificationPage } from './pages/audit/VerificationPage';
import { SecurityPage } from './pages/account/SecurityPage';
import { EnrolPage } from './pages/auth/EnrolPage';
import { LoginPage } from './pages/auth/LoginPage';
import { MfaPage } from './pages/auth/MfaPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { StatusPage } from './pages/StatusPage';
import { FailedJobsPage } from './pages/jobs/FailedJobsPage';
import { CaseloadPage } from './pages/people/CaseloadPage';
import { CreatePersonPage } from './pages/people/CreatePersonPage';
import { PERSON_PATH_PATTERN, PERSONS_NEW_PATH } from './pages/people/person';
import { PersonPage } from './pages/people/PersonPage';
import { NotificationsPage } from './pages/reminders/NotificationsPage';
import { NOTIFICATIONS_PATH } from './pages/reminders/paths';
import { OverdueRemindersPage, RemindersPage } from './pages/reminders/RemindersPage';
import { CommissionsPage } from './pages/pathways/CommissionsPage';
import { DeadlinesPage } from './pages/pathways/DeadlinesPage';
import { AgendaPage } from './pages/casework/AgendaPage';
import { HELP_PATH, HelpPage } from './pages/help/HelpPage';
import { OutreachPage } from './pages/documents/OutreachPage';
import { PartnersPage } from './pages/documents/PartnersPage';

// The screens built so far; every other entry routes to an honest placeholder until it is.
const SCREENS: Partial<Record<NavigationKey, ReactNode>> = {
  caseload: <CaseloadPage titleKey="nav.caseload" />,
  teamCaseload: <CaseloadPage titleKey="nav.teamCaseload" />,
  deadlines: <DeadlinesPage />,
  commissions: <CommissionsPage />,
  agenda: <AgendaPage />,
  failedJobs: <FailedJobsPage />,
  reminders: <RemindersPage />,
  overdueReminders: <OverdueRemindersPage />,
  outreach: <OutreachPage />,
  partners: <PartnersPage />,
  users: <UsersPage />,
  teamsAndSites: <TeamsAndSitesPage />,
  settings: <SettingsPage />,
  audit: <AuditPage />,
  breakGlassReview: <BreakGlassPage />,
  auditVerification: <VerificationPage />,
};

/**
 * Each screen sits behind the permission it needs (the API's table), so a typed or bookmarked URL
 * shows "Accès refusé" to a role that may not use it, placeholders included.
 */
function gated(permission: Permission, children: RouteObject[]): RouteObject {
  return { element: <RequirePermission permission={permission} />, children };
}

const navigationRoutes: RouteObject[] = allNavigationEntries()
  .filter((entry) => entry.key !== 'status')
  .map((entry) => {
    const route: RouteObject = { path: entry.path, element: SCREENS[entry.key] ?? <PlaceholderPage entry={entry} /> };
    return entry.permission ? gated(entry.permission, [route]) : route;
  });

// Screens reached from another screen rather than from the menu.
const detailRoutes: RouteObject[] = [
  gated(Permission.UsersManage, [
    { path: USER_PATH_PATTERN, element: <UserPage /> },
    { path: ACCOUNT_EVENTS_PATH, element: <AccountEventsPage /> },
  ]),
  gated(Permission.PersonWrite, [{ path: PERSONS_NEW_PATH, element: <CreatePersonPage /> }]),
  gated(Permission.PersonRead, [{ path: PERSON_PATH_PATTERN, element: <PersonPage /> }]),
  gated(Permission.Self, [{ path: NOTIFICATIONS_PATH, element: <NotificationsPage /> }]),
];

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      // Public: whoever is signed in or not may check whether the service answers.
      { path: STATUS_PATH, element: <StatusPage /> },
      {
        // Everything else needs a fully signed-in user; unknown paths too, so that signed-out
        // visitors learn nothing about which screens exist.
        element: <RequireSignedIn />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: ACCOUNT_SECURITY_PATH, element: <SecurityPage /> },
          { path: ACCOUNT_PASSWORD_PATH, element: <PasswordPage /> },
          { path: ACCOUNT_MFA_PATH, element: <AccountMfaPage /> },
          { path: HELP_PATH, element: <HelpPage /> },
          ...navigationRoutes,
          ...detailRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  {
    element: <AuthLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: LOGIN_PATH,
        element: (
          <RequireSignedOut>
            <LoginPage />
          </RequireSignedOut>
        ),
      },
      {
        path: MFA_PATH,
        element: (
          <RequireStage stage="mfa">
            <MfaPage />
          </RequireStage>
        ),
      },
      { path: ENROL_PATH, element: <EnrolPage /> },
      // Public, and open to a signed-in user too: the link comes from an administrator.
      { path: RESET_PATH, element: <ResetPasswordPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
