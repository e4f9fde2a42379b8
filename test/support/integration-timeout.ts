// Integration tests drive a real engine and real workers: give each test room to finish.
jest.setTimeout(60_000);
