import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { homePath, LOGIN_PATH, pathForStage, returnPathOf } from '../../auth/routing';
import { refreshSession } from '../../auth/session';
import { RequireStage } from '../../auth/guards';
import { MfaEnrolment } from '../../components/MfaEnrolment';
import { RecoveryCodes } from '../../components/RecoveryCodes';

/** Enrolment demanded at sign-in (stage "enrol"), then the recovery codes. */
export function EnrolPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);

  // The session is read again only when the user has kept their codes: until then the codes stay
  // on screen whatever the session query says (the stage is already "done" on the server).
  const finish = useMutation({
    mutationFn: () => refreshSession(queryClient),
    onSuccess: async ({ me }) => {
      const target = !me
        ? LOGIN_PATH
        : me.stage === 'done'
          ? (returnPathOf(location.state) ?? homePath(me.roles))
          : pathForStage(me.stage);
      await navigate(target, { replace: true });
    },
  });

  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onContinue={() => finish.mutate()}
        continuing={finish.isPending}
        error={finish.error}
      />
    );
  return (
    <RequireStage stage="enrol">
      <MfaEnrolment required onConfirmed={setCodes} />
    </RequireStage>
  );
}
