import { type ComponentProps, lazy, Suspense } from "react";
import type { PostForm as Form } from "./PostForm.tsx";

const Loaded = lazy(() => import("./PostForm.tsx").then((m) => ({ default: m.PostForm })));

/**
 * The form to post, reply or edit, its code loaded when it is first drawn: a visitor who may not post (most
 * readers of a consultation) never loads it, nor the form library it brings (react-hook-form and the fields,
 * about 45 KB of script on the comment page's way to its first draw).
 */
export function PostForm(props: ComponentProps<typeof Form>) {
  return (
    <Suspense fallback={null}>
      <Loaded {...props} />
    </Suspense>
  );
}
