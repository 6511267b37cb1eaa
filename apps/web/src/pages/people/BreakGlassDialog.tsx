import { Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { breakGlass } from '../../api/people';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';

export const REASON_MIN = 10;
export const REASON_MAX = 1000;

/** Opening a file out of one's scope: the rule in words, a reason required, then the file. */
export function BreakGlassDialog({
  personId,
  opened,
  onClose,
  onOpened,
}: {
  personId: string;
  opened: boolean;
  onClose: () => void;
  onOpened: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const open = useMutation({
    mutationFn: (text: string) => breakGlass(personId, text),
    onSuccess: onOpened,
    onError: (error) => {
      // Already allowed (in scope, or a grant still running): just open it.
      if (isApiError(error) && error.code === 'GRANT_NOT_NEEDED') onOpened();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < REASON_MIN || text.length > REASON_MAX) {
      setProblem(t('breakGlassDialog.reasonProblem', { min: REASON_MIN, max: REASON_MAX }));
      return;
    }
    setProblem(undefined);
    open.mutate(text);
  };
  return (
    <Dialog opened={opened} onClose={onClose} title={t('breakGlassDialog.title')} closeOnEscape={!open.isPending}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text>{t('breakGlassDialog.intro')}</Text>
          <List>
            <List.Item>{t('breakGlassDialog.ruleTraced')}</List.Item>
            <List.Item>{t('breakGlassDialog.ruleReviewed')}</List.Item>
            <List.Item>{t('breakGlassDialog.ruleDuration')}</List.Item>
          </List>
          <Textarea
            label={t('breakGlassDialog.reason')}
            description={t('breakGlassDialog.reasonHint', { min: REASON_MIN })}
            required
            withAsterisk={false}
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={reason}
            error={problem}
            data-autofocus
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {open.isError && !(isApiError(open.error) && open.error.code === 'GRANT_NOT_NEEDED') && (
            <ErrorAlert error={open.error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={open.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={open.isPending}>
              {t('breakGlassDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
