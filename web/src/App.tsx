import { Center, Loader } from '@mantine/core';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { SessionProvider, useSessionState } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { ErrorState } from './components/PageState';
import { RouteError } from './components/RouteError';
import { AppLayout } from './layout/AppLayout';
import { loadAreas } from './i18n/areas';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage';

/** The signed-in part of the app: the sign-in page until there is a session. */
function SignedIn() {
  const { session, loading, error, retry } = useSessionState();
  if (loading)
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (error && !session)
    return (
      <Center mih="100vh" p="md">
        <ErrorState error={error} onRetry={retry} />
      </Center>
    );
  if (!session) return <SignInPage />;
  return <AppLayout />;
}

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

// The workbench is in the first chunk (it is where agents land); every other page loads on demand.
const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/evaluate/:token',
        lazy: async () => {
          await loadAreas('evaluate');
          return { Component: (await import('./pages/evaluate/EvaluatePage')).EvaluatePage };
        },
      },
      {
        element: <SignedIn />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <WorkbenchPage /> },
          {
            path: 'cases/:id',
            lazy: async () => {
              await loadAreas('caseDetails');
              return { Component: (await import('./pages/case/CaseDetailsPage')).CaseDetailsPage };
            },
          },
          {
            path: 'tasks',
            lazy: async () => {
              await loadAreas('tasks');
              return { Component: (await import('./pages/tasks/MyTasksPage')).MyTasksPage };
            },
          },
          {
            path: 'customers',
            lazy: async () => {
              await loadAreas('customers');
              return { Component: (await import('./pages/customers/CustomersPage')).CustomersPage };
            },
          },
          {
            path: 'customers/:id',
            lazy: async () => {
              await loadAreas('customers');
              return {
                Component: (await import('./pages/customers/CustomerDetailsPage')).CustomerDetailsPage,
              };
            },
          },
          {
            path: 'config/*',
            lazy: async () => {
              await loadAreas('config');
              return { Component: (await import('./pages/config/ConfigurationPage')).ConfigurationPage };
            },
          },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
