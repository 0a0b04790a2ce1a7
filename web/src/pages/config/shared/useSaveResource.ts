import type { QueryKey } from '@tanstack/react-query';
import type { FieldError } from '../../../api/client';
import { fieldError, fieldErrorsUnder, useValidation } from './errors';
import { useSave, type SavePlan } from './hooks';

export interface SaveFormOptions<TResult> {
  /** The form's own checks, run before anything is sent. */
  validate: () => FieldError[];
  invalidate: readonly QueryKey[];
  onSaved?: (result: TResult) => void;
}

/** What a form shows of its save: whether it is under way, and the refusal. */
export interface SaveState {
  saving: boolean;
  /** The form's own refusal while it stands, otherwise the server's. */
  error: unknown;
}

/**
 * A form that saves: its own checks (marked from the first try on) and the request, with one
 * refusal for both, so that every input finds its message in the same place.
 */
export function useSaveForm<TResult = unknown>({ validate, invalidate, onSaved }: SaveFormOptions<TResult>) {
  const validation = useValidation(validate);
  const mutation = useSave<TResult>(invalidate, onSaved);
  const error: unknown = validation.error ?? mutation.error;
  return {
    saving: mutation.isPending,
    error,
    /** The message(s) for exactly this field, for an input's `error`. */
    fieldError: (field: string) => fieldError(error, field),
    /** The messages for a field and everything below it. */
    fieldErrorsUnder: (prefix: string) => fieldErrorsUnder(error, prefix),
    /** Marks the form as tried; true when its own checks pass and it may be sent. */
    check: () => validation.check(),
    send: (plan: SavePlan) => {
      mutation.mutate(plan);
    },
  };
}

/**
 * `useSaveForm` for one item of a collection: a new one is created at the collection's path
 * (POST), an existing one changed at its own (PATCH).
 */
export function useSaveResource<T extends { id: string }>({
  collection,
  item,
  ...options
}: SaveFormOptions<T> & {
  /** E.g. /api/v1/queues. */
  collection: string;
  /** null: a new one. */
  item: T | null;
}) {
  const form = useSaveForm<T>(options);
  return {
    ...form,
    /** Creates or changes the item with this body. */
    save: (body: unknown) => {
      form.send(
        item
          ? { path: `${collection}/${item.id}`, method: 'PATCH', body }
          : { path: collection, method: 'POST', body },
      );
    },
  };
}
