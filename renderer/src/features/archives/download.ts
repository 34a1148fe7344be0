import { api } from '../../api/instance';

/**
 * Serve mode: prepares a download of `name` and returns its id (for the
 * save or export operation) and a function that makes the browser fetch
 * it. The browser stores the bytes as the engine sends them; the
 * operation's progress and cancel work as for a file on the server.
 */
export const prepareDownload = async (name: string): Promise<{ downloadId: string; fetch(): void }> => {
  const { downloadId, url } = await api().call('downloads.create', { name });
  return {
    downloadId,
    fetch: () => {
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
    },
  };
};

/** An absolute path as the main side's platform writes one, for hints. */
export const fullPathExample = (platform: string | undefined): string =>
  platform === 'win32' ? 'C:\\Users\\you\\images.tar' : '/home/you/images.tar';
