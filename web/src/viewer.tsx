import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "./i18n";

/** The viewers' zoom (×1.25 a step, up to 4) and quarter-turn rotation buttons. */
function ZoomAndRotate(props: {
  zoom: number;
  setZoom: (zoom: number) => void;
  minZoom: number;
  rotation: number;
  setRotation: (rotation: number) => void;
}) {
  const { zoom, setZoom, minZoom, rotation, setRotation } = props;
  return (
    <>
      <button type="button" class="secondary" onClick={() => setZoom(Math.min(4, zoom * 1.25))}>
        {t("review.zoomIn")}
      </button>
      <button type="button" class="secondary" onClick={() => setZoom(Math.max(minZoom, zoom / 1.25))}>
        {t("review.zoomOut")}
      </button>
      <button type="button" class="secondary" onClick={() => setRotation((rotation + 90) % 360)}>
        {t("review.rotate")}
      </button>
    </>
  );
}

/** An image from a short-lived view link, with zoom and rotation. */
export function ImageView({ url, label }: { url: string; label: string }) {
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  return (
    <figure class="viewer">
      <div class="toolbar" role="toolbar" aria-label={label}>
        <ZoomAndRotate zoom={zoom} setZoom={setZoom} minZoom={0.25} rotation={rotation} setRotation={setRotation} />
      </div>
      <div class="stage" tabIndex={0} role="region" aria-label={label}>
        <img src={url} alt={label} style={{ transform: `scale(${zoom}) rotate(${rotation}deg)` }} data-rotation={rotation} />
      </div>
    </figure>
  );
}

/** A PDF rendered page by page with pdf.js, loaded on demand (not part of the first page's bundle). */
export function PdfView({ url, label }: { url: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<{ numPages: number; getPage(n: number): Promise<any> } | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1.25);
  const [rotation, setRotation] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [pdfjs, worker] = await Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]);
        pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = new Uint8Array(await response.arrayBuffer());
        const loaded = await pdfjs.getDocument({ data, enableXfa: false }).promise;
        if (!cancelled) setDoc(loaded);
      } catch (e) {
        if (!cancelled) setError(String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [url]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    doc.getPage(page).then((p) => {
      const viewport = p.getViewport({ scale: zoom, rotation });
      const c = canvas.current!;
      c.width = viewport.width;
      c.height = viewport.height;
      task = p.render({ canvasContext: c.getContext("2d")!, canvas: c, viewport });
      task!.promise.then(() => c.setAttribute("data-rendered", String(page))).catch(() => undefined);
    });
    return () => task?.cancel();
  }, [doc, page, zoom, rotation]);

  return (
    <figure class="viewer">
      <div class="toolbar" role="toolbar" aria-label={label}>
        <button type="button" class="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t("review.prevPage")}
        </button>
        <span>{doc ? t("review.page", { page, pages: doc.numPages }) : t("app.loading")}</span>
        <button type="button" class="secondary" disabled={!doc || page >= doc.numPages} onClick={() => setPage(page + 1)}>
          {t("review.nextPage")}
        </button>
        <ZoomAndRotate zoom={zoom} setZoom={setZoom} minZoom={0.5} rotation={rotation} setRotation={setRotation} />
      </div>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      <div class="stage" tabIndex={0} role="region" aria-label={label}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
    </figure>
  );
}
