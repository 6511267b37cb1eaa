import { useEffect, useState } from 'react';

/**
 * An SVG data URL of the QR code for `text`, or null while it is drawn. The QR library is loaded
 * on demand: only the enrolment screen needs it.
 */
export function useQrCode(text: string | undefined): string | null {
  const [result, setResult] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (!text) return;
    let cancelled = false;
    void import('qrcode')
      .then(({ default: QRCode }) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => {
        if (!cancelled) setResult({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      // The secret, shown next to it, still lets the user set the app up by hand.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [text]);
  return result && result.text === text ? result.url : null;
}
