import { ImgHTMLAttributes, useState } from 'react';

/** A photo that gives way to a plain placeholder when it cannot load (a missing rendition). */
export function Photo({ src, className, ...rest }: Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'> & { src: string | null | undefined }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) return <div className={`photo-placeholder ${className ?? ''}`} role={rest.alt ? 'img' : undefined} aria-label={rest.alt || undefined} aria-hidden={rest.alt ? undefined : true} />;
  return <img src={src} className={className} onError={() => setFailed(true)} {...rest} />;
}
