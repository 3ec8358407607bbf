import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';

const INDEX_HTML = readFileSync(join(__dirname, '..', '..', 'web', 'index.html'), 'utf8');

/** The web root: what Ambidex is and where to go next. The dashboards arrive with the insights context. */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index(): string {
    return INDEX_HTML;
  }
}
