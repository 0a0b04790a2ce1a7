import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, type RequestOptions } from '../../../api/client';

export interface EditorState<T> {
  opened: boolean;
  /** null: a new one. */
  item: T | null;
  /** Changes on every opening, so that the form starts afresh (use it as the form's key). */
  seq: number;
}

/** Which item a page's form dialog edits; the dialog stays mounted so focus returns on close. */
export function useEditor<T>() {
  const [state, setState] = useState<EditorState<T>>({ opened: false, item: null, seq: 0 });
  const openNew = useCallback(() => {
    setState((s) => ({ opened: true, item: null, seq: s.seq + 1 }));
  }, []);
  const openEdit = useCallback((item: T) => {
    setState((s) => ({ opened: true, item, seq: s.seq + 1 }));
  }, []);
  const close = useCallback(() => {
    setState((s) => ({ ...s, opened: false }));
  }, []);
  return { ...state, openNew, openEdit, close };
}

export interface SaveRequest {
  path: string;
  method: NonNullable<RequestOptions['method']>;
  body?: unknown;
}

/**
 * What a save sends: one request, several one after the other, or steps with an undo that puts the
 * first step back when a later one is refused (e.g. disabling a case type to change its process).
 */
export type SavePlan =
  SaveRequest | readonly SaveRequest[] | { steps: readonly SaveRequest[]; undo: SaveRequest };

function send<T>(request: SaveRequest): Promise<T> {
  return apiRequest<T>(request.path, { method: request.method, body: request.body });
}

async function run<T>(plan: SavePlan): Promise<T> {
  if ('steps' in plan) {
    const [first, ...rest] = plan.steps;
    let result = first ? await send<T>(first) : (undefined as T);
    try {
      for (const step of rest) result = await send<T>(step);
    } catch (error) {
      await send(plan.undo).catch(() => undefined);
      throw error;
    }
    return result;
  }
  const requests: readonly SaveRequest[] = 'path' in plan ? [plan] : plan;
  let result: T | undefined;
  for (const request of requests) result = await send<T>(request);
  return result as T;
}

/** A save (create or change): invalidates what shows the resource and says "Saved". */
export function useSave<TResult = unknown>(
  invalidate: readonly QueryKey[],
  onSaved?: (result: TResult) => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: SavePlan) => run<TResult>(plan),
    onSettled: async () => {
      // Also after a refusal: a multi-step save may have changed something before it.
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      onSaved?.(result);
    },
  });
}
