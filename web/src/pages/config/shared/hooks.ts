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
 * A save (create or change): invalidates what shows the resource and says "Saved". Several requests
 * run one after the other (the result is the last one's).
 */
export function useSave<TResult = unknown>(
  invalidate: readonly QueryKey[],
  onSaved?: (result: TResult) => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: SaveRequest | readonly SaveRequest[]) => {
      const requests: readonly SaveRequest[] = Array.isArray(request) ? request : [request];
      let result: TResult | undefined;
      for (const item of requests)
        result = await apiRequest<TResult>(item.path, { method: item.method, body: item.body });
      return result as TResult;
    },
    onSuccess: async (result) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      notifications.show({ color: 'green', message: t('common.saved') });
      onSaved?.(result);
    },
  });
}
