import { NotFoundError } from '@ambidex/platform';
import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { errorCodes, FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { ConsoleFile, readConsoleFiles } from './console-files';

/**
 * Everything the console loads comes from this origin; React renders no inline scripts or styles, so the policy
 * allows none. The data comes from the API, which checks every call: the pages themselves are public.
 */
export const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

let files: Map<string, ConsoleFile> | undefined;
const consoleFiles = (): Map<string, ConsoleFile> => (files ??= readConsoleFiles());

/**
 * Paths that belong to the API, its docs, its probes and the queue dashboard (and /print, which only redirects): an
 * unknown address under them is a 404 problem, never the console's page, so a mistyped API call does not answer 200
 * with HTML.
 */
const NOT_CONSOLE = /^\/(api|health|metrics|admin\/queues|print|assets)(\/|$)/;

/**
 * The router's limit on a path parameter. A path too long for every parametric route falls through to the deep-link
 * route below instead of reaching the router's own 414, so the same refusal is made here.
 */
const MAX_PARAM_LENGTH = 100;

/** The console's pages before it moved to the root: bookmarks keep working. */
const OLD_CONSOLE = /^\/console(?=\/|$)/;

/** The old printable management review: the console draws it now, for the same filters. */
const OLD_PRINT = /^\/print(?=\?|$)/;

/** The web console at the root: its hashed assets, and index.html for every other address (deep links). */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const file = consoleFiles().get(`assets/${name}`);
    if (file === undefined) throw new NotFoundError('WEB.ASSET_NOT_FOUND', `Console asset ${name}`);
    void reply
      .header('content-type', file.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }

  @Get()
  index(@Res() reply: FastifyReply): void {
    this.page(reply);
  }

  /** `/print?portfolio=…&print=1` keeps working: the same page, with its filters, at /dashboard/print. */
  @Get('print')
  print(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    void reply.redirect(request.url.replace(OLD_PRINT, '/dashboard/print'), 301);
  }

  @Get('*')
  deepLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = request.url.split('?')[0] ?? '/';
    if (OLD_CONSOLE.test(path)) {
      void reply.redirect(request.url.replace(OLD_CONSOLE, '') || '/', 301);
      return;
    }
    if (NOT_CONSOLE.test(path)) {
      if (path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH))
        throw new errorCodes.FST_ERR_MAX_PARAM_LENGTH(path);
      throw new NotFoundException(`Cannot ${request.method} ${path}`);
    }
    this.page(reply);
  }

  private page(reply: FastifyReply): void {
    const index = consoleFiles().get('index.html');
    if (index === undefined)
      throw new NotFoundError('WEB.CONSOLE_NOT_BUILT', 'The console is not built: run npm run web:build');
    void reply
      .header('content-type', index.type)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(index.body);
  }
}
