import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setSessionEndHandler } from './api/client';
import { endSession } from './auth/session';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // One retry, then say so: an error in words beats a long silent wait on a weak connection.
      queries: { retry: 1, refetchOnWindowFocus: true },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  // A request answered "session expired": forget the user's data; the guards then show the
  // sign-in page with "Votre session a expiré".
  useEffect(() => {
    setSessionEndHandler(() => endSession(queryClient, 'expired'));
    return () => setSessionEndHandler(null);
  }, [queryClient]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
