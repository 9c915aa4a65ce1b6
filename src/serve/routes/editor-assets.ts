/**
 * The query editor's bundles on `asm-kg serve`, under /assets/query-editor/ (its page, at /sparql, is
 * render/editor-page.ts).
 */
import type { FastifyInstance } from 'fastify';
import { sendDocument } from '../respond.js';
import { editorAssets } from '../../render/editor-assets.js';

export function registerEditorAssets(app: FastifyInstance, cacheControl: string): void {
  for (const asset of editorAssets(undefined, 'serve')) {
    const body = Buffer.from(asset.body);
    app.get(asset.path, (request, reply) => sendDocument(request, reply, { body, mediaType: asset.mediaType, cacheControl }));
  }
}
