import { NotFoundError } from '@ambidex/platform';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';

const WEB_DIR = join(__dirname, '..', '..', 'web');

/**
 * Pages only set the security policy: everything they load comes from this origin (no CDN, no fonts from
 * elsewhere), so the dashboard works offline. ECharts sets inline styles, hence 'unsafe-inline' for styles only.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

interface Asset {
  /** Resolved on first request, so a missing optional file only fails its own route. */
  path: () => string;
  type: string;
  cache: string;
}

/** The only files served under /print/assets: a fixed list, never a path taken from the request. */
const ASSETS: Record<string, Asset> = {
  'app.js': { path: () => join(WEB_DIR, 'app.js'), type: 'text/javascript; charset=utf-8', cache: 'no-cache' },
  'styles.css': { path: () => join(WEB_DIR, 'styles.css'), type: 'text/css; charset=utf-8', cache: 'no-cache' },
  'echarts.min.js': {
    path: () => require.resolve('echarts/dist/echarts.min.js'),
    type: 'text/javascript; charset=utf-8',
    cache: 'public, max-age=86400',
  },
};

const loaded = new Map<string, Buffer>();

function load(name: string, path: () => string): Buffer {
  let content = loaded.get(name);
  if (content === undefined) {
    content = readFileSync(path());
    loaded.set(name, content);
  }
  return content;
}

const page = (file: string): Buffer => load(file, () => join(WEB_DIR, file));

/**
 * The printable management-review page at /print and its static assets; the dashboard itself is the console's
 * leadership section. The page is public and static; the data it shows comes from the protected insights API.
 */
@ApiExcludeController()
@Public()
@Controller('print')
export class WebController {
  /** The dashboard laid out for A4; `?print=1` opens the print dialog once the charts are drawn. */
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @Header('content-security-policy', PAGE_POLICY)
  print(): Buffer {
    return page('print.html');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (asset === undefined) throw new NotFoundError('WEB.ASSET_NOT_FOUND', `Asset ${name}`);
    void reply
      .header('content-type', asset.type)
      .header('cache-control', asset.cache)
      .header('x-content-type-options', 'nosniff')
      .send(load(name, asset.path));
  }
}
