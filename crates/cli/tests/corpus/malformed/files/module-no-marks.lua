return { caption = 'x' }
