import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Portfolio = components['schemas']['PortfolioDto'];

/** The same key as the board's portfolio list, so a change shows there too. */
export const PORTFOLIOS_KEY = ['portfolios'] as const;
export const portfolioKey = (id: string) => ['portfolio', id] as const;

export function usePortfolio(id: string) {
  return useQuery({
    queryKey: portfolioKey(id),
    queryFn: () => unwrap(api.GET('/api/portfolios/{id}', { params: { path: { id } } })),
  });
}

/** Who manages portfolios and their webhooks (the API's rule on those writes). */
export const PORTFOLIO_MANAGERS = ['leadership', 'admin'] as const;
