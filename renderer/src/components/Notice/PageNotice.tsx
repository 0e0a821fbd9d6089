import { Notice, type NoticeProps } from './Notice.js';

/**
 * A page that cannot show its content yet (still loading, or failed to load). Its heading stays,
 * so the page is named for screen readers from the first frame and nothing jumps when it loads.
 */
export function PageNotice({ heading, ...notice }: NoticeProps & { heading: string }) {
  return (
    <div className="page-notice">
      <h1>{heading}</h1>
      <Notice {...notice} />
    </div>
  );
}
